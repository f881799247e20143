//! Syscall numbers, one documented variant per call.

use core::fmt;

/// A system call. The number goes in `rax`; see the crate docs for registers.
///
/// The numbers are part of the ABI: never reuse or renumber one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum Syscall {
    /// Writes one line to the kernel log (serial), prefixed with the caller.
    ///
    /// - `rdi`: address of UTF-8 text; `rsi`: its length, at most
    ///   [`MAX_LOG_WRITE`](crate::MAX_LOG_WRITE) bytes (longer text is cut).
    /// - Result: 0.
    /// - Errors: `BadAddress` (range not readable user memory), `InvalidUtf8`.
    LogWrite = 1,
    /// Ends the calling process and every thread in it. Never returns.
    ///
    /// - `rdi`: exit code, reported to whoever waits for the process; keep
    ///   it below [`EXIT_FAULT_BASE`](crate::EXIT_FAULT_BASE), as codes from
    ///   there up read as a fault or a kill.
    ProcessExit = 2,
    /// Gives up the CPU: the caller goes to the back of the ready queue and
    /// the next ready thread runs at once (no wait for a timer tick).
    ///
    /// - Result: 0. Errors: none.
    Yield = 3,
    /// Starts a new thread in the calling process.
    ///
    /// The kernel gives the thread its own demand-paged stack with a guard page
    /// below it, and starts it at `rdi` with `rdi` = the argument and `rsp` at
    /// the top of that stack (16-byte aligned, as after a `call`).
    ///
    /// - `rdi`: entry address; `rsi`: argument passed in the thread's `rdi`.
    /// - Result: the new thread's id (within the process).
    /// - Errors: `BadAddress` (entry not in an executable user segment),
    ///   `LimitReached` (too many threads), `OutOfMemory`.
    ThreadSpawn = 4,
    /// Ends the calling thread; the process ends when its last thread does.
    ///
    /// - `rdi`: exit code, returned to a joiner. Never returns.
    ThreadExit = 5,
    /// Waits until a thread of the calling process has exited.
    ///
    /// - `rdi`: thread id from `ThreadSpawn`.
    /// - Result: the thread's exit code.
    /// - Errors: `NotFound` (no such thread, or already joined),
    ///   `InvalidArgument` (a thread joining itself).
    ThreadJoin = 6,
    /// Reserves anonymous memory: demand-zero pages, mapped on first touch.
    ///
    /// - `rdi`: length in bytes (rounded up to whole pages);
    ///   `rsi`: [`MemoryFlags`](crate::MemoryFlags) bits.
    /// - Result: the start address (page aligned), chosen by the kernel.
    /// - Errors: `InvalidArgument` (zero length, unknown flags, write together
    ///   with execute), `OutOfMemory` (no address space or over the limit).
    MemoryMap = 7,
    /// Releases a range obtained from `MemoryMap` (returning its frames and
    /// revoking any shared grant made from it) or from a grant received.
    ///
    /// - `rdi`: start address; `rsi`: length in bytes (whole pages).
    /// - Result: 0.
    /// - Errors: `InvalidArgument` (not page aligned, or not exactly one
    ///   whole region from `MemoryMap` or a grant).
    MemoryUnmap = 8,
    /// Blocks the calling thread for at least the given time.
    ///
    /// - `rdi`: nanoseconds. Result: 0. Errors: none.
    Sleep = 9,
    /// Starts a program from the boot ramdisk as a new process.
    ///
    /// - `rdi`, `rsi`: path in the ramdisk (e.g. `bin/hello`), at most
    ///   [`MAX_PATH_LEN`](crate::MAX_PATH_LEN) bytes;
    ///   `rdx`, `r10`: arguments as NUL-separated UTF-8, at most
    ///   [`MAX_SPAWN_ARGS_LEN`](crate::MAX_SPAWN_ARGS_LEN) bytes;
    ///   `r8`: a handle (needs `TRANSFER`) the child gets a copy of, with the
    ///   same rights, in `rdx` at its entry; 0 for none.
    /// - Result: the new process id.
    /// - Errors: `BadAddress`, `InvalidUtf8`, `NotFound` (no such file),
    ///   `InvalidHandle`, `MissingRights` (the handle to give),
    ///   `BadExecutable` (the ELF loader rejected it), `LimitReached`,
    ///   `OutOfMemory`.
    ProcessSpawn = 10,
    /// Waits until a child process has exited and returns its status.
    ///
    /// - `rdi`: process id from `ProcessSpawn` (a child of the caller).
    /// - Result: the exit status: the exit code, or a reserved status for
    ///   a process killed by another or ended by a CPU fault
    ///   ([`ExitReason`](crate::ExitReason) decodes it).
    /// - Errors: `NotFound` (not a child, or already waited for).
    ProcessWait = 11,
    /// Copies a [`SystemInfo`](crate::SystemInfo) snapshot to user memory.
    ///
    /// - `rdi`: address of a `SystemInfo`; `rsi`: its size in bytes.
    /// - Result: 0. Errors: `BadAddress`, `InvalidArgument` (wrong size).
    SystemInfo = 12,
    /// Does nothing and returns 0: the cost of entering and leaving the
    /// kernel, for benchmarks. Errors: none.
    Nop = 13,
    /// Creates a rendezvous endpoint and returns a handle to it with every
    /// right (send, receive, duplicate, transfer).
    ///
    /// - Result: the handle. Errors: `LimitReached` (handle table full),
    ///   `OutOfMemory`.
    EndpointCreate = 14,
    /// Closes a handle. Closing the last handle with the receive right to an
    /// endpoint fails every caller blocked on it with `PeerGone`; closing an
    /// unanswered reply handle fails its caller with `PeerGone`; closing the
    /// last client handle of a badge tells a receiver that asked with
    /// `EndpointNotifyClosed`.
    ///
    /// - `rdi`: the handle. Result: 0.
    /// - Errors: `InvalidHandle`, `StaleHandle`.
    HandleClose = 15,
    /// Makes a second handle to the same object with equal or fewer rights,
    /// and can give an endpoint handle a badge.
    ///
    /// A badge is a number the receiver learns with every message sent
    /// through the handle (`IncomingMessage::badge`). Only an unbadged
    /// endpoint handle can be badged, and a badge never changes once given:
    /// a server mints one badged send handle per client from its own, and a
    /// client cannot pass itself off as another.
    ///
    /// - `rdi`: the handle (needs `DUPLICATE`); `rsi`: the rights wanted
    ///   ([`Rights`](crate::Rights) bits), a subset of those held; `rdx`: a
    ///   badge for the new handle, 0 to keep the original's.
    /// - Result: the new handle.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `MissingRights` (no
    ///   `DUPLICATE`, or asking for a right not held), `InvalidArgument`
    ///   (unknown rights bits; a badge for a handle that is not an endpoint,
    ///   or that has a badge already), `LimitReached` (the table is full, or
    ///   the endpoint counts [`MAX_ENDPOINT_BADGES`](crate::MAX_ENDPOINT_BADGES)
    ///   badges already: see `EndpointNotifyClosed`), `OutOfMemory`.
    HandleDuplicate = 16,
    /// Sends a message to an endpoint and blocks until the receiver replies.
    ///
    /// - `rdi`: endpoint handle (needs `SEND`); `rsi`: operation number;
    ///   `rdx`, `r10`, `r8`, `r9`: four message words.
    /// - On return: `rsi` = the reply's status word (0 for success, else
    ///   the interface's error value), `rdx`, `r10`, `r8`, `r9` = four reply
    ///   words.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`, `PeerGone` (no receiver left, or it ended or dropped
    ///   the reply handle without replying), `LimitReached` (the receiver's
    ///   handle table is full).
    /// - Blocks until a receiver takes the message and replies.
    Call = 17,
    /// Sends a one-way message: like `Call` but returns once a receiver has
    /// taken the message (the receiver gets no reply handle).
    ///
    /// - Registers and errors as for `Call`; no reply words.
    Send = 18,
    /// Waits for a message on an endpoint.
    ///
    /// - `rdi`: endpoint handle (needs `RECEIVE`); `rsi`: timeout in
    ///   nanoseconds, 0 to wait for ever; `rdx`: address of an
    ///   [`IncomingMessage`](crate::IncomingMessage) for a message's extra
    ///   parts, 0 to take register-only messages (a sender of more then
    ///   fails with `TooLarge`).
    /// - On return: `rdi` = a one-shot reply handle (0 for a one-way
    ///   message), `rsi` = operation number (with
    ///   [`OPERATION_EXTENDED`](crate::OPERATION_EXTENDED) set if the record
    ///   was filled in), `rdx`, `r10`, `r8`, `r9` = the four message words.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`, `TimedOut`, `PeerGone` (the endpoint's last receive
    ///   handle was closed meanwhile).
    /// - Blocks until a sender arrives or the timeout passes.
    Receive = 19,
    /// Answers a call through its one-shot reply handle (which it consumes).
    ///
    /// - `rdi`: reply handle; `rsi`: status word; `rdx`, `r10`, `r8`, `r9`:
    ///   four reply words.
    /// - Result: 0. Errors: `InvalidHandle`, `StaleHandle` (replied already),
    ///   `WrongType`, `PeerGone` (the caller has died), `TooLarge` (never for
    ///   a register-only reply).
    Reply = 20,
    /// `Call` with a message record: data bytes, handles, a lease, a grant.
    ///
    /// - `rdi`: endpoint handle (needs `SEND`); `rsi`: address of an
    ///   [`OutgoingMessage`](crate::OutgoingMessage); `rdx`: address of an
    ///   [`IncomingMessage`](crate::IncomingMessage) for the reply's extra
    ///   parts, 0 if the caller takes none.
    /// - On return: as for `Call`; if the status word has
    ///   [`OPERATION_EXTENDED`](crate::OPERATION_EXTENDED) set, the reply
    ///   record was filled in.
    /// - The handles move to the receiver only when the message is delivered:
    ///   if the call fails before, the caller still holds them. A lease lasts
    ///   until the reply; a shared grant until the caller unmaps the range or
    ///   exits.
    /// - Errors: those of `Call`, and `BadAddress` (a record, the data, the
    ///   lease or the grant is not the caller's memory), `InvalidArgument`
    ///   (a count or length over its limit, unknown flag bits, bit 63 of the
    ///   operation set, a grant not page aligned or not inside one
    ///   `MemoryMap` region), `InvalidHandle`, `StaleHandle`, `MissingRights`
    ///   (a handle to move lacks `TRANSFER`), `TooLarge` (the receiver has no
    ///   room for the data, or no record), `LimitReached` (the receiver's
    ///   handle table is full).
    CallMessage = 21,
    /// `Send` with a message record (no lease: nobody waits for a reply).
    ///
    /// - `rdi`: endpoint handle (needs `SEND`); `rsi`: address of an
    ///   [`OutgoingMessage`](crate::OutgoingMessage).
    /// - Result: 0 once a receiver has taken the message.
    /// - Errors: as for `CallMessage`; a lease is `InvalidArgument`.
    SendMessage = 22,
    /// `Reply` with a message record: data bytes, handles and a grant back to
    /// the caller (no lease).
    ///
    /// - `rdi`: reply handle; `rsi`: address of an
    ///   [`OutgoingMessage`](crate::OutgoingMessage) whose `operation` is the
    ///   status word.
    /// - Result: 0. Errors: as for `Reply` and `SendMessage`; `TooLarge` if
    ///   the caller made no room for what the reply carries (the reply handle
    ///   is then still valid, so the server can answer again).
    ReplyMessage = 23,
    /// Replies to one call and waits for the next message: the server loop's
    /// two syscalls in one.
    ///
    /// - `rdi`: reply handle, 0 to only receive; `rsi`: address of the
    ///   reply's [`OutgoingMessage`](crate::OutgoingMessage) (ignored when
    ///   `rdi` is 0); `rdx`: endpoint handle (needs `RECEIVE`); `r10`:
    ///   address of an [`IncomingMessage`](crate::IncomingMessage), 0 for
    ///   none; `r8`: timeout in nanoseconds, 0 to wait for ever.
    /// - On return: as for `Receive`.
    /// - A caller that died before the reply is no error here (there is
    ///   nobody to tell); any other reply error is returned without
    ///   receiving.
    /// - Errors: those of `ReplyMessage` and `Receive`.
    ReplyAndReceive = 24,
    /// Copies bytes out of the lease of a call being served.
    ///
    /// - `rdi`: the call's reply handle; `rsi`: offset in the lease; `rdx`:
    ///   the server's buffer; `r10`: bytes to copy.
    /// - Result: 0.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType` (not a reply
    ///   handle), `MissingRights` (the lease does not allow reading, or the
    ///   call has no lease), `OutOfRange` (past the lease's end),
    ///   `BadAddress` (the buffer, or the caller's leased memory, is not
    ///   mapped as needed), `PeerGone` (the caller died).
    LeaseRead = 25,
    /// Copies bytes into the lease of a call being served.
    ///
    /// - `rdi`: the call's reply handle; `rsi`: offset in the lease; `rdx`:
    ///   the server's data; `r10`: bytes to copy.
    /// - Result: 0. Errors: as for `LeaseRead`, with writing for reading.
    LeaseWrite = 26,
    /// Claims an interrupt line with the platform capability.
    ///
    /// - `rdi`: platform handle; `rsi`: IRQ number (1 and 3 to 15; 0, the
    ///   timer, and 2, the PIC cascade, belong to the kernel).
    /// - Result: a handle to the line with `WAIT`, `SIGNAL`, `DUPLICATE` and
    ///   `TRANSFER`.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType` (not the
    ///   platform), `InvalidArgument` (a number the kernel keeps or that does
    ///   not exist), `LimitReached` (claimed already, or the table is full).
    IrqClaim = 27,
    /// Routes an interrupt line to an endpoint and unmasks it.
    ///
    /// Each interrupt masks the line and queues a notification on the
    /// endpoint: a one-way message with the given operation and words
    /// `[irq, stamp, 0, 0]`, where `stamp` is the time-stamp counter when
    /// the interrupt arrived (drivers pass it on so latency can be
    /// measured); a receiver gets it before any waiting sender. The line
    /// stays masked until `IrqAck`.
    ///
    /// - `rdi`: IRQ handle (needs `WAIT`); `rsi`: endpoint handle (needs
    ///   `SEND`); `rdx`: operation number of the notifications.
    /// - Result: 0. Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`, `InvalidArgument` (operation bit 63 set).
    IrqBind = 28,
    /// Unmasks an interrupt line after its notification was handled.
    ///
    /// - `rdi`: IRQ handle (needs `SIGNAL`). Result: 0.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`.
    IrqAck = 29,
    /// Claims a range of I/O ports with the platform capability.
    ///
    /// - `rdi`: platform handle; `rsi`: first port; `rdx`: number of ports
    ///   (at least 1, the range within 0 to 0xFFFF).
    /// - Result: a handle with `PORT_READ`, `PORT_WRITE`, `DUPLICATE` and
    ///   `TRANSFER`.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `InvalidArgument` (an empty or impossible range, or one that
    ///   overlaps ports the kernel uses: the PIT, PICs, COM1, the debug
    ///   exit), `LimitReached`.
    PortsClaim = 30,
    /// Reads an I/O port through a port-range capability.
    ///
    /// - `rdi`: port-range handle (needs `PORT_READ`); `rsi`: port; `rdx`:
    ///   width in bytes (1, 2 or 4).
    /// - Result: the value read.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`, `OutOfRange` (a port of the access outside the
    ///   range), `InvalidArgument` (width).
    PortRead = 31,
    /// Writes an I/O port through a port-range capability.
    ///
    /// - `rdi`: port-range handle (needs `PORT_WRITE`); `rsi`: port; `rdx`:
    ///   width in bytes (1, 2 or 4); `r10`: the value (its low bytes).
    /// - Result: 0. Errors: as for `PortRead`.
    PortWrite = 32,
    /// Opens a handle to a child process.
    ///
    /// - `rdi`: process id from `ProcessSpawn`, of a child of the caller
    ///   that has not been waited for.
    /// - Result: a process handle with `WAIT`, `SIGNAL` (kill),
    ///   `DUPLICATE` and `TRANSFER`.
    /// - Errors: `NotFound` (not such a child), `LimitReached`,
    ///   `OutOfMemory`.
    ProcessOpen = 33,
    /// Asks for a notification on an endpoint when a process exits.
    ///
    /// The notification is a one-way message with the given operation and
    /// words `[process id, exit status, 0, 0]` (the status as `ProcessWait`
    /// reports it; [`ExitReason`](crate::ExitReason) decodes it); a receiver gets it before any waiting
    /// sender. If the process has already exited, it is queued at once.
    ///
    /// - `rdi`: process handle (needs `WAIT`); `rsi`: endpoint handle
    ///   (needs `SEND`); `rdx`: operation number.
    /// - Result: 0. Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`, `InvalidArgument` (operation bit 63 set),
    ///   `LimitReached` (too many notifications asked for).
    ProcessNotify = 34,
    /// Claims device memory (a memory object over physical addresses that
    /// are not RAM) with the platform capability: the VGA text buffer, a
    /// device's registers.
    ///
    /// - `rdi`: platform handle; `rsi`: physical address (page aligned);
    ///   `rdx`: number of pages (1 to [`MAX_GRANT_PAGES`](crate::MAX_GRANT_PAGES)).
    /// - Result: a memory handle with `MAP_READ`, `MAP_WRITE`, `DUPLICATE`
    ///   and `TRANSFER`.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType` (not the
    ///   platform), `InvalidArgument` (misaligned, empty, too large, or
    ///   overlapping RAM: only the legacy VGA window `0xA0000..0xC0000` and
    ///   addresses above all RAM qualify), `LimitReached`.
    DeviceMemoryClaim = 35,
    /// Maps a memory object into the caller, at an address the kernel picks.
    ///
    /// - `rdi`: memory handle (needs `MAP_READ`, and `MAP_WRITE` when
    ///   `rsi` asks for writing); `rsi`: [`MemoryFlags`](crate::MemoryFlags)
    ///   (`WRITE` only; device memory is never executable).
    /// - Result: the start address; `MemoryUnmap` with the object's length
    ///   removes the mapping.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`, `InvalidArgument` (unknown or executable flags),
    ///   `OutOfMemory` (no address space or page tables left).
    MemoryObjectMap = 36,
    /// Ends a process (exit status [`EXIT_KILLED`](crate::EXIT_KILLED)), with one
    /// log line naming who killed it. Its callers and clients get
    /// `PeerGone`, its watchers their exit notification.
    ///
    /// - `rdi`: process handle (needs `SIGNAL`). Result: 0 (a process that
    ///   kills itself does not return).
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`, `NotFound` (it has exited already).
    ProcessKill = 37,
    /// Answers a call in registers and waits for the next register-only
    /// message: `Reply` and then `Receive` in one syscall, for the server
    /// loop of register-only protocols.
    ///
    /// - `rdi`: reply handle; `rsi`: status word; `rdx`, `r10`, `r8`, `r9`:
    ///   four reply words (as for `Reply`).
    /// - Receives as `Receive` with no record and no timeout, on the endpoint
    ///   handle this thread last received through (`Receive`,
    ///   `ReplyAndReceive` or this call); that handle must still be valid
    ///   and hold `RECEIVE`.
    /// - On return: as for `Receive`.
    /// - The caller waiting for the reply runs next when nothing is waiting
    ///   on the endpoint (the CPU is handed to it directly).
    /// - A caller that died before the reply is no error here (there is
    ///   nobody to tell); any other reply error is returned without
    ///   receiving.
    /// - Errors: those of `Reply` and `Receive`; `InvalidHandle` if this
    ///   thread has not received before.
    ReplyAndWait = 38,
    /// Claims the boot archive (the `bootfs` ramdisk the bootloader loaded)
    /// as a read-only memory object, with the platform capability. The
    /// ramdisk server maps it and reads its files.
    ///
    /// - `rdi`: platform handle.
    /// - Result: a memory handle with `MAP_READ`, `DUPLICATE` and
    ///   `TRANSFER` (never `MAP_WRITE`); `MemoryObjectSize` gives its pages.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType` (not the
    ///   platform), `NotFound` (the kernel has no valid archive),
    ///   `LimitReached`.
    BootArchiveClaim = 39,
    /// The length of a memory object, in pages.
    ///
    /// - `rdi`: memory handle (needs `MAP_READ`). Result: its pages.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`.
    MemoryObjectSize = 40,
    /// Lists the running processes (those not yet reaped), by id.
    ///
    /// - `rdi`: address of an array of
    ///   [`ProcessRecord`](crate::ProcessRecord); `rsi`: how many records
    ///   it holds (at most 256).
    /// - Result: how many processes there are; the first `min(result,
    ///   rsi)` records are filled in.
    /// - Errors: `BadAddress`, `InvalidArgument` (more than 256 records).
    ProcessList = 41,
    /// Makes the calling thread a loan window: a range of its address space
    /// where pages lent with `CallLoan` appear while it serves the call.
    ///
    /// A loan is a grant that lasts one call: the caller's pages are mapped
    /// into the window of the thread that receives the call and unmapped
    /// when that call is answered (or its reply handle closed). The window
    /// itself is reserved address space, with no pages of its own; touching
    /// it outside a loan is a page fault.
    ///
    /// - `rdi`: the window's size in pages, 1 to
    ///   [`MAX_LOAN_PAGES`](crate::MAX_LOAN_PAGES).
    /// - Result: the window's first address. The window is the thread's
    ///   until the thread exits; a thread has at most one.
    /// - Errors: `InvalidArgument` (a size of 0 or over the limit),
    ///   `Busy` (the thread has a window already), `OutOfMemory` (no
    ///   address space or page tables left).
    LoanWindowCreate = 42,
    /// `Call` lending pages: a register message whose fourth word is a
    /// [`LoanDescriptor`](crate::LoanDescriptor) naming some of the
    /// caller's pages, mapped into the receiving thread's loan window until
    /// the call is answered.
    ///
    /// - `rdi`: endpoint handle (needs `SEND`); `rsi`: operation number;
    ///   `rdx`, `r10`, `r8`: three message words; `r9`: the loan
    ///   descriptor (first page, page count, whether the server may write).
    /// - The receiver gets the operation with
    ///   [`OPERATION_LOAN`](crate::OPERATION_LOAN) set, the three words, and
    ///   in the fourth a descriptor of the same pages at its window's
    ///   address.
    /// - The lent pages must be the caller's own (its program, stacks or
    ///   `MemoryMap` memory, not pages granted or lent to it); pages not
    ///   touched yet are faulted in. While they are lent the caller cannot
    ///   unmap them or move them away (`Busy`); if the caller dies first, the
    ///   server keeps them until it answers.
    /// - On return: as for `Call`.
    /// - Errors: those of `Call`, and `InvalidArgument` (a malformed
    ///   descriptor, bit 62 or 63 of the operation set), `BadAddress` (a
    ///   page that is not the caller's own, or read-only when lent
    ///   writable), `TooLarge` (the receiving thread has no loan window,
    ///   or a smaller one), `Busy` (its window holds another call's loan).
    CallLoan = 43,
    /// Starts a program from an ELF image in the caller's memory as a new
    /// process: how a program is run from a file system, where the caller
    /// has read it (and its namespace decided it could).
    ///
    /// - `rdi`, `rsi`: the image's address and length, at most
    ///   [`MAX_SPAWN_IMAGE_LEN`](crate::MAX_SPAWN_IMAGE_LEN) bytes; the
    ///   kernel copies it before it returns;
    ///   `rdx`, `r10`: arguments as NUL-separated UTF-8, the first being the
    ///   program's name (as logs and `ProcessList` show it), at most
    ///   [`MAX_SPAWN_ARGS_LEN`](crate::MAX_SPAWN_ARGS_LEN) bytes;
    ///   `r8`: a handle (needs `TRANSFER`) the child gets a copy of, as for
    ///   `ProcessSpawn`; 0 for none.
    /// - Result: the new process id.
    /// - Errors: `BadAddress`, `InvalidArgument` (an image too large, or no
    ///   name), `InvalidUtf8`, `InvalidHandle`, `MissingRights`,
    ///   `BadExecutable` (the ELF loader rejected the image),
    ///   `LimitReached`, `OutOfMemory`.
    ProcessSpawnImage = 44,
    /// Asks to be told when a badge's last client handle to an endpoint
    /// is gone: how a server learns that a client went away.
    ///
    /// The kernel counts an endpoint's *client handles*, those with `SEND`
    /// and without `RECEIVE` (a server's own handles, which can receive, do
    /// not count), per badge (0 for unbadged ones). From this call on,
    /// whenever the count of a badge drops to zero (its last such handle
    /// closed, or its holder exited, wherever the handles had moved), the
    /// kernel queues a one-way notification on the endpoint: the given
    /// operation and words `[badge, client handles left, 0, 0]`, where the
    /// second word counts the endpoint's client handles of every badge when
    /// the notification is received (0: no client is left at all). A
    /// receiver gets it before any waiting sender, and a receiver with an
    /// [`IncomingMessage`](crate::IncomingMessage) record finds the badge
    /// there too, as if the notification came through a handle with that
    /// badge: a client can send the same operation only through its own
    /// handles, so a server that acts on the record's badge lets it say no
    /// more than "I am done with this badge".
    ///
    /// Notifications are coalesced and bounded: a badge has at most one
    /// waiting, a new handle with the badge withdraws it (the badge is alive
    /// again), and an endpoint counts at most
    /// [`MAX_ENDPOINT_BADGES`](crate::MAX_ENDPOINT_BADGES) badges, live or
    /// waiting to be reported (`HandleDuplicate` of a new badge is
    /// `LimitReached` beyond that), so clients closing handles cannot make
    /// the queue grow. Calling again changes the operation; closures before
    /// the first call are not reported.
    ///
    /// - `rdi`: endpoint handle (needs `RECEIVE`); `rsi`: operation number
    ///   of the notifications.
    /// - Result: 0. Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`, `InvalidArgument` (operation bit 62 or 63 set).
    EndpointNotifyClosed = 45,
}

/// A syscall number the kernel does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownSyscall(pub u64);

impl fmt::Display for UnknownSyscall {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "unknown syscall number {}", self.0)
    }
}

// Written by hand rather than derived so that every number is visible here
// next to its variant, and an unknown number is a named error.
impl TryFrom<u64> for Syscall {
    type Error = UnknownSyscall;

    #[inline]
    fn try_from(number: u64) -> Result<Self, Self::Error> {
        Ok(match number {
            1 => Syscall::LogWrite,
            2 => Syscall::ProcessExit,
            3 => Syscall::Yield,
            4 => Syscall::ThreadSpawn,
            5 => Syscall::ThreadExit,
            6 => Syscall::ThreadJoin,
            7 => Syscall::MemoryMap,
            8 => Syscall::MemoryUnmap,
            9 => Syscall::Sleep,
            10 => Syscall::ProcessSpawn,
            11 => Syscall::ProcessWait,
            12 => Syscall::SystemInfo,
            13 => Syscall::Nop,
            14 => Syscall::EndpointCreate,
            15 => Syscall::HandleClose,
            16 => Syscall::HandleDuplicate,
            17 => Syscall::Call,
            18 => Syscall::Send,
            19 => Syscall::Receive,
            20 => Syscall::Reply,
            21 => Syscall::CallMessage,
            22 => Syscall::SendMessage,
            23 => Syscall::ReplyMessage,
            24 => Syscall::ReplyAndReceive,
            25 => Syscall::LeaseRead,
            26 => Syscall::LeaseWrite,
            27 => Syscall::IrqClaim,
            28 => Syscall::IrqBind,
            29 => Syscall::IrqAck,
            30 => Syscall::PortsClaim,
            31 => Syscall::PortRead,
            32 => Syscall::PortWrite,
            33 => Syscall::ProcessOpen,
            34 => Syscall::ProcessNotify,
            35 => Syscall::DeviceMemoryClaim,
            36 => Syscall::MemoryObjectMap,
            37 => Syscall::ProcessKill,
            38 => Syscall::ReplyAndWait,
            39 => Syscall::BootArchiveClaim,
            40 => Syscall::MemoryObjectSize,
            41 => Syscall::ProcessList,
            42 => Syscall::LoanWindowCreate,
            43 => Syscall::CallLoan,
            44 => Syscall::ProcessSpawnImage,
            45 => Syscall::EndpointNotifyClosed,
            _ => return Err(UnknownSyscall(number)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_round_trips() {
        for number in 0..64u64 {
            if let Ok(call) = Syscall::try_from(number) {
                assert_eq!(call as u64, number);
            }
        }
        assert_eq!(Syscall::try_from(12), Ok(Syscall::SystemInfo));
    }

    #[test]
    fn unknown_numbers_are_named_errors() {
        assert_eq!(Syscall::try_from(0), Err(UnknownSyscall(0)));
        assert_eq!(Syscall::try_from(u64::MAX), Err(UnknownSyscall(u64::MAX)));
    }
}
