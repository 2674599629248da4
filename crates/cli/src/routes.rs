//! `velay-cli routes`: list the routes the store holds.

use velay_core::{Lang, Store};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
    /// Language of the names: fr or en.
    #[arg(long, default_value = "fr")]
    lang: String,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    let lang = Lang::from_locale(&args.lang);
    let routes = store.routes()?;
    if args.json {
        let list: Vec<_> = routes
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "site": r.site, "name": r.name.get(lang),
                    "length_m": r.figures.length_m, "duration_min": r.figures.duration_min,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(list));
    } else {
        for r in routes {
            println!("{}\t{}\t{:.1} km", r.id, r.name.get(lang), r.figures.length_m / 1000.0);
        }
    }
    Ok(())
}
