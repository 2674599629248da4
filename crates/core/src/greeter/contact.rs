//! How a greeter can answer a traveller outside the app: an e-mail address or a phone number.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Contact {
    Email(String),
    Phone(String),
}

impl Contact {
    /// A `mailto:` or `tel:` link for it.
    pub fn href(&self) -> String {
        match self {
            Contact::Email(e) => format!("mailto:{e}"),
            Contact::Phone(p) => format!("tel:{}", p.replace([' ', '.', '-'], "")),
        }
    }
}

/// Whether a contact is plausible, checked the way a form can: an address of letters, digits and `. _ + -` before
/// one `@`, then a dotted domain of letters, digits and hyphens; or a phone number of 6 to 15
/// digits, with an optional leading `+` and spaces, dots or dashes. A full RFC 5322 parser was
/// rejected: the greeter writes back by hand, so a typo is what this must catch, and the
/// address becomes a `mailto:` link, where `?`, `&` or `%` would add headers and a body the
/// traveller never wrote (`a@x.fr?cc=…&body=…`).
pub fn is_plausible(contact: &Contact) -> bool {
    match contact {
        Contact::Email(e) => {
            let local_ok = |local: &str| {
                !local.is_empty()
                    && local.len() <= 64
                    && !local.starts_with('.')
                    && !local.ends_with('.')
                    && !local.contains("..")
                    && local
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '+' | '-'))
            };
            let label_ok = |label: &str| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            };
            e.len() <= 254
                && e.split_once('@').is_some_and(|(local, domain)| {
                    local_ok(local)
                        && domain.split('.').count() >= 2
                        && domain.split('.').all(label_ok)
                        && domain.rsplit('.').next().is_some_and(|tld| tld.chars().count() >= 2)
                })
        }
        Contact::Phone(p) => {
            let rest = p.strip_prefix('+').unwrap_or(p);
            let digits = rest.chars().filter(char::is_ascii_digit).count();
            rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-')) && (6..=15).contains(&digits)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_traveller_leaves_a_plausible_email_or_phone_and_a_typo_is_caught() {
        // Addresses in domains kept for examples (RFC 2606), numbers in a range kept for
        // fiction (ARCEP, 01 99 00 xx xx): nobody real is written to or called.
        for ok in ["anne@example.org", "a.b+c@mail.example.com", "zoé_ré-my@example.org"] {
            assert!(is_plausible(&Contact::Email(ok.into())), "{ok}");
        }
        for bad in [
            "",
            "anne",
            "anne@",
            "@example.org",
            "anne@org",
            "a b@example.org",
            "a@@example.org",
            "a@example..org",
            "a@x.fr?cc=boss@example.org&body=Annul%C3%A9",
            "a@example.org?subject=x",
            "a%b@example.org",
            ".anne@example.org",
            "anne@-example.org",
            "anne@example.o",
        ] {
            assert!(!is_plausible(&Contact::Email(bad.into())), "{bad}");
        }
        for ok in ["+33 1 99 00 38 41", "01.99.00.38.41", "0199003841"] {
            assert!(is_plausible(&Contact::Phone(ok.into())), "{ok}");
        }
        for bad in ["", "12", "call me", "+33 1 99 00 38 41 12 34 56 78"] {
            assert!(!is_plausible(&Contact::Phone(bad.into())), "{bad}");
        }
        assert_eq!(Contact::Phone("+33 1 99".into()).href(), "tel:+33199");
    }
}
