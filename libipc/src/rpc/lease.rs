//! Leases: a bounded region of the caller's memory that the server reads or
//! writes through kernel copies, for the length of one call.

/// Why a lease access failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeaseError {
    /// The range falls outside the lease.
    OutOfBounds,
    /// The lease was not lent for reading.
    NotReadable,
    /// The lease was not lent for writing.
    NotWritable,
}

/// A region of the caller's memory, as the server sees it.
///
/// The kernel implements it with copies between address spaces; host tests
/// use [`SliceLease`].
pub trait Lease {
    /// Its length in bytes.
    fn len(&self) -> usize;

    /// True for an empty lease.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True if the caller lent it for reading (`lease_in`).
    fn is_readable(&self) -> bool;

    /// True if the caller lent it for writing (`lease_out`).
    fn is_writable(&self) -> bool;

    /// Copies `buffer.len()` bytes starting at `offset` into `buffer`.
    fn read(&self, offset: usize, buffer: &mut [u8]) -> Result<(), LeaseError>;

    /// Copies `data` into the lease starting at `offset`.
    fn write(&mut self, offset: usize, data: &[u8]) -> Result<(), LeaseError>;

    /// Where the lent memory is, for a transport that lends it through the
    /// kernel: `None` for a lease that is not plain memory of this process.
    fn region(&mut self) -> Option<LeaseRegion> {
        None
    }
}

/// A client's lent memory as the kernel transport passes it on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LeaseRegion {
    /// Start address.
    pub address: usize,
    /// Length in bytes.
    pub len: usize,
    /// The server may write it (else only read).
    pub writable: bool,
}

/// A lease over a slice of the caller's memory (the loopback's, and a client's
/// view of what it lends).
#[derive(Debug)]
pub enum SliceLease<'a> {
    /// Lent for reading: `lease_in`.
    Readable(&'a [u8]),
    /// Lent for writing: `lease_out`.
    Writable(&'a mut [u8]),
}

impl Lease for SliceLease<'_> {
    fn len(&self) -> usize {
        match self {
            SliceLease::Readable(bytes) => bytes.len(),
            SliceLease::Writable(bytes) => bytes.len(),
        }
    }

    fn is_readable(&self) -> bool {
        matches!(self, SliceLease::Readable(_))
    }

    fn is_writable(&self) -> bool {
        matches!(self, SliceLease::Writable(_))
    }

    fn read(&self, offset: usize, buffer: &mut [u8]) -> Result<(), LeaseError> {
        let SliceLease::Readable(bytes) = self else {
            return Err(LeaseError::NotReadable);
        };
        let end = offset
            .checked_add(buffer.len())
            .ok_or(LeaseError::OutOfBounds)?;
        buffer.copy_from_slice(bytes.get(offset..end).ok_or(LeaseError::OutOfBounds)?);
        Ok(())
    }

    fn region(&mut self) -> Option<LeaseRegion> {
        Some(match self {
            SliceLease::Readable(bytes) => LeaseRegion { address: bytes.as_ptr() as usize, len: bytes.len(), writable: false },
            SliceLease::Writable(bytes) => {
                LeaseRegion { address: bytes.as_mut_ptr() as usize, len: bytes.len(), writable: true }
            }
        })
    }

    fn write(&mut self, offset: usize, data: &[u8]) -> Result<(), LeaseError> {
        let SliceLease::Writable(bytes) = self else {
            return Err(LeaseError::NotWritable);
        };
        let end = offset
            .checked_add(data.len())
            .ok_or(LeaseError::OutOfBounds)?;
        bytes
            .get_mut(offset..end)
            .ok_or(LeaseError::OutOfBounds)?
            .copy_from_slice(data);
        Ok(())
    }
}

/// A `lease_in<N>` parameter as a server method receives it: read-only, and
/// already checked to be readable and at most `N` bytes.
pub struct LeaseIn<'a> {
    lease: &'a mut dyn Lease,
}

impl<'a> LeaseIn<'a> {
    /// Wraps a lease the dispatcher has checked.
    pub fn new(lease: &'a mut dyn Lease) -> Self {
        LeaseIn { lease }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.lease.len()
    }

    /// True for an empty lease.
    pub fn is_empty(&self) -> bool {
        self.lease.len() == 0
    }

    /// Copies bytes starting at `offset` into `buffer`.
    pub fn read(&self, offset: usize, buffer: &mut [u8]) -> Result<(), LeaseError> {
        self.lease.read(offset, buffer)
    }
}

impl core::fmt::Debug for LeaseIn<'_> {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter
            .debug_struct("LeaseIn")
            .field("len", &self.len())
            .finish()
    }
}

/// A `lease_out<N>` parameter as a server method receives it: write-only, and
/// already checked to be writable and at most `N` bytes.
pub struct LeaseOut<'a> {
    lease: &'a mut dyn Lease,
}

impl<'a> LeaseOut<'a> {
    /// Wraps a lease the dispatcher has checked.
    pub fn new(lease: &'a mut dyn Lease) -> Self {
        LeaseOut { lease }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.lease.len()
    }

    /// True for an empty lease.
    pub fn is_empty(&self) -> bool {
        self.lease.len() == 0
    }

    /// Copies `data` into the caller's buffer starting at `offset`.
    pub fn write(&mut self, offset: usize, data: &[u8]) -> Result<(), LeaseError> {
        self.lease.write(offset, data)
    }
}

impl core::fmt::Debug for LeaseOut<'_> {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter
            .debug_struct("LeaseOut")
            .field("len", &self.len())
            .finish()
    }
}
