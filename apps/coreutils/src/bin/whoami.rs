//! `whoami`: the account this login session belongs to, its user id and
//! its home directory.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("whoami", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use libipc::rpc::KernelChannel;
    use login::api::session::Client as Session;
    use userland::Environment;

    pub fn body(environment: &mut Environment, _arguments: &[&str]) -> Result<(), String> {
        let handle = environment.endpoint("session").map_err(|_| String::from("not in a login session"))?;
        let me = Session::new(KernelChannel::new(handle)).whoami().map_err(|error| format!("{error:?}"))?;
        environment.print(&format!("{} (uid {}, home {})\n", me.name.as_str(), me.uid, me.home.as_str()));
        Ok(())
    }
}
