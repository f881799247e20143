//! What a method's message must carry besides its payload, and the check the
//! serve loop runs before decoding.
//!
//! idlc emits one [`MethodShape`] constant per method; keeping the checking
//! code here, not in every generated server, keeps generated code small and
//! this logic tested once.

use super::error::ProtocolError;
use super::grant::GrantMode;
use super::message::Request;
use super::rights::{ObjectType, Rights};

/// One `cap<...>` parameter: the object type and the rights the handle needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HandleSpec {
    /// The kernel object type (`Endpoint` for `cap<Interface, ...>`).
    pub object: ObjectType,
    /// The rights the handle must carry (it may carry more).
    pub rights: Rights,
}

/// A `lease_in<N>` or `lease_out<N>` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LeaseSpec {
    /// True for `lease_out` (the server writes), false for `lease_in`.
    pub writable: bool,
    /// The largest lease, in bytes.
    pub max: usize,
}

/// A `grant<N, rights(...), mode>` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GrantSpec {
    /// The most pages.
    pub max_pages: u32,
    /// The mapping rights the grant must carry.
    pub rights: Rights,
    /// Shared or moved.
    pub mode: GrantMode,
}

/// Everything but the payload that a method's request carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodShape {
    /// The `cap` parameters, in order.
    pub handles: &'static [HandleSpec],
    /// The lease parameter, if any.
    pub lease: Option<LeaseSpec>,
    /// The grant parameter, if any.
    pub grant: Option<GrantSpec>,
}

impl MethodShape {
    /// Checks a request's handles, lease and grant against the shape.
    ///
    /// Inlined, as are the checks it makes: generated servers call it on a
    /// constant shape, so for a method without handles, lease or grant it
    /// folds down to three tests of the request.
    #[inline]
    pub fn check(&self, request: &Request<'_>) -> Result<(), ProtocolError> {
        self.check_handles(request)?;
        self.check_lease(request)?;
        self.check_grant(request)
    }

    #[inline]
    fn check_handles(&self, request: &Request<'_>) -> Result<(), ProtocolError> {
        if request.handles.len() != self.handles.len() {
            return Err(ProtocolError::WrongHandleCount);
        }
        for (index, spec) in self.handles.iter().enumerate() {
            let handle = request
                .handles
                .get(index)
                .ok_or(ProtocolError::WrongHandleCount)?;
            if handle.object() != spec.object {
                return Err(ProtocolError::WrongHandleType);
            }
            if !handle.rights().contains(spec.rights) {
                return Err(ProtocolError::WrongHandleRights);
            }
        }
        Ok(())
    }

    #[inline]
    fn check_lease(&self, request: &Request<'_>) -> Result<(), ProtocolError> {
        match (&self.lease, &request.lease) {
            (None, None) => Ok(()),
            (Some(spec), Some(lease)) => {
                let access_ok = if spec.writable {
                    lease.is_writable()
                } else {
                    lease.is_readable()
                };
                if access_ok && lease.len() <= spec.max {
                    Ok(())
                } else {
                    Err(ProtocolError::BadLease)
                }
            }
            _ => Err(ProtocolError::BadLease),
        }
    }

    #[inline]
    fn check_grant(&self, request: &Request<'_>) -> Result<(), ProtocolError> {
        match (&self.grant, &request.grant) {
            (None, None) => Ok(()),
            (Some(spec), Some(grant)) => {
                let fits = grant.pages <= spec.max_pages
                    && grant.rights.contains(spec.rights)
                    && grant.mode == spec.mode;
                if fits {
                    Ok(())
                } else {
                    Err(ProtocolError::BadGrant)
                }
            }
            _ => Err(ProtocolError::BadGrant),
        }
    }
}
