//! The frame every greeter and staff page shares, and the answers forms give.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

/// A whole page: `title` in French and English, then `body`.
pub fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Velay greeters" }
                style { (CSS) }
            }
            body {
                header { p.brand { "Velay · greeters" } }
                main { h1 { (title) } (body) }
            }
        }
    }
}

/// A form's refusal: the page again with the message on top, and nothing stored.
pub fn refusal(status: StatusCode, title: &str, message: &str, body: Markup) -> Response {
    let markup = page(
        title,
        html! {
            p.error role="alert" data-testid="error" { (message) }
            (body)
        },
    );
    (status, Html(markup.into_string())).into_response()
}

pub fn ok(markup: Markup) -> Response {
    Html(markup.into_string()).into_response()
}

/// The pages' one stylesheet, inline; the Content-Security-Policy allows it by its hash.
pub const CSS: &str = "body{font-family:DejaVu Sans,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#222;background:#fbf8f2}\
header .brand{font-weight:bold;color:#7a4b8f}\
.error{background:#fde2e1;border:1px solid #c0392b;padding:.5rem;border-radius:.3rem}\
.notice{background:#e3f4e1;border:1px solid #2e7d32;padding:.5rem;border-radius:.3rem}\
.request{border:1px solid #ccc;border-radius:.4rem;padding:.6rem;margin:.6rem 0;background:#fff}\
.state{font-weight:bold;text-transform:uppercase;font-size:.85rem}\
label{display:block;margin:.4rem 0}form.inline{display:inline}label.day,label.inline{display:inline-block;margin-right:.8rem}\
details.rule{border:1px solid #ccc;border-radius:.4rem;padding:.4rem .6rem;margin:.5rem 0;background:#fff}details.rule summary{cursor:pointer}\
input,textarea,select{font:inherit;padding:.3rem;max-width:100%}\
button{font:inherit;padding:.4rem .8rem;margin-right:.4rem;border-radius:.3rem;border:1px solid #555;background:#eee}\
button.confirm{background:#2e7d32;color:#fff}button.decline{background:#c0392b;color:#fff}\
nav a{margin-right:1rem}table{border-collapse:collapse}td,th{padding:.3rem .5rem;border-bottom:1px solid #ddd;text-align:left}";
