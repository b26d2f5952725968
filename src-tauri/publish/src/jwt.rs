//! The token Ghost's Admin API asks for: a JSON Web Token signed with HS256 by the Admin API
//! key's secret, naming the key's id (`kid`), for the audience `/admin/`, valid five minutes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{KeyInit, Mac};
use sha2::Sha256;

/// An Admin API key (`<id>:<secret in hex>`), split and checked.
#[derive(Clone)]
pub struct AdminKey {
    id: String,
    secret: Vec<u8>,
}

impl std::fmt::Debug for AdminKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AdminKey({}:…)", self.id)
    }
}

impl AdminKey {
    pub fn parse(key: &str) -> Result<AdminKey, String> {
        let problem = || {
            "a Ghost Admin API key is two parts joined by a colon (`id:secret`); copy it from \
             Ghost's Settings → Integrations"
                .to_string()
        };
        let (id, secret) = key.trim().split_once(':').ok_or_else(problem)?;
        if id.is_empty() || secret.len() % 2 != 0 || secret.is_empty() {
            return Err(problem());
        }
        let secret = (0..secret.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&secret[i..i + 2], 16))
            .collect::<Result<Vec<u8>, _>>()
            .map_err(|_| problem())?;
        Ok(AdminKey { id: id.to_string(), secret })
    }

    /// A token issued at `now` (seconds since the epoch), expiring five minutes later.
    pub fn token(&self, now: i64) -> String {
        let header = serde_json::json!({ "alg": "HS256", "typ": "JWT", "kid": self.id });
        let claims = serde_json::json!({ "iat": now, "exp": now + 300, "aud": "/admin/" });
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(&self.secret)
            .expect("HMAC takes a key of any length");
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_signed_for_the_admin_audience_with_the_key_id() {
        let key =
            AdminKey::parse("6489a1b2c3d4e5f6a7b8c9d0:00112233445566778899aabbccddeeff").expect("as written");
        let token = key.token(1_800_000_000);
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).expect("as written"))
                .expect("as written");
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("as written"))
                .expect("as written");
        assert_eq!(header["kid"], "6489a1b2c3d4e5f6a7b8c9d0");
        assert_eq!(header["alg"], "HS256");
        assert_eq!(claims["aud"], "/admin/");
        assert_eq!(
            claims["exp"].as_i64().expect("as written") - claims["iat"].as_i64().expect("as written"),
            300
        );
        // Checked the way a server checks it: the same HMAC over the first two parts.
        let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(&key.secret).expect("as written");
        mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
        mac.verify_slice(&URL_SAFE_NO_PAD.decode(parts[2]).expect("as written")).expect("a valid signature");
        // A different secret does not verify.
        let other =
            AdminKey::parse("6489a1b2c3d4e5f6a7b8c9d0:ffeeddccbbaa99887766554433221100").expect("as written");
        assert_ne!(other.token(1_800_000_000), token);
    }

    #[test]
    fn a_malformed_key_says_where_to_find_a_good_one() {
        for bad in ["", "nocolon", "id:xyz", "id:abc", ":00ff"] {
            assert!(AdminKey::parse(bad).expect_err("an error").contains("Integrations"), "{bad}");
        }
    }
}
