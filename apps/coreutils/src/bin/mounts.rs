//! `mounts`: the mounts of this program's namespace (the VFS's
//! `Namespace::mounts`), one per line: where it shows, which file server
//! and which directory of it, and whether it is writable.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("mounts", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use libipc::rpc::KernelChannel;
    use userland::Environment;
    use userland::launch::handed_on_rights;
    use vfs::api::namespace::Client as Namespace;

    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        if !arguments.is_empty() {
            return Err(String::from("usage: mounts"));
        }
        // The namespace is the file-system handle itself: the VFS serves
        // both interfaces on it.
        let handle = environment.fs.channel().endpoint().duplicate(handed_on_rights()).map_err(|error| format!("{error}"))?;
        let mut namespace = Namespace::new(KernelChannel::new(handle));
        let mut listing = String::from("MOUNTED AT           SERVER  DIRECTORY            ACCESS\n");
        let mut start = 0;
        loop {
            let page = namespace.mounts(start).map_err(|error| format!("not a VFS namespace ({error:?})"))?;
            for mount in page.mounts.iter() {
                let access = if mount.writable { "read-write" } else { "read-only" };
                listing.push_str(&format!(
                    "{:<20} {:>6}  {:<20} {access}\n",
                    mount.at.as_str(),
                    mount.server,
                    mount.root.as_str()
                ));
            }
            if !page.more {
                break;
            }
            start += page.mounts.len() as u32;
        }
        environment.print(&listing);
        Ok(())
    }
}
