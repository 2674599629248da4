//! `velay-cli note`: queue a note about a route for the team; it goes out at the next sync.

use velay_core::mutation::Op;
use velay_core::Store;

#[derive(clap::Args)]
pub struct Args {
    /// The route the note is about.
    #[arg(long)]
    route: String,
    #[arg(long)]
    text: String,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    let entry = store.enqueue(Op::Feedback {
        route: args.route,
        text: args.text,
    })?;
    if args.json {
        println!("{}", serde_json::to_string(&entry)?);
    } else {
        println!("queued {}", entry.mutation.id);
    }
    Ok(())
}
