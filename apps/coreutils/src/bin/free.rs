//! `free`: physical memory in use and free, and the kernel heap.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("free", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use userland::Environment;

    pub fn body(environment: &mut Environment, _arguments: &[&str]) -> Result<(), String> {
        let info = libipc::sys::system_info().map_err(|error| format!("{error}"))?;
        let kib = |frames: u64| frames * 4;
        let used = info.total_frames.saturating_sub(info.free_frames);
        environment.print(&format!(
            "memory: {} KiB total, {} KiB used, {} KiB free\nkernel heap: {} KiB used of {} KiB mapped\n",
            kib(info.total_frames),
            kib(used),
            kib(info.free_frames),
            info.kernel_heap_used / 1024,
            info.kernel_heap_mapped / 1024
        ));
        Ok(())
    }
}
