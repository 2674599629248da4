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
    /// Queue the note this many times (numbered), printing each as soon as it is saved.
    #[arg(long, default_value_t = 1)]
    repeat: u32,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    for i in 1..=args.repeat {
        let text = match args.repeat {
            1 => args.text.clone(),
            _ => format!("{} ({i})", args.text),
        };
        let entry = store.enqueue(Op::Feedback {
            route: args.route.clone(),
            text,
        })?;
        // Printed only once the note is on disk: a line on stdout is a promise kept.
        if args.json {
            println!("{}", serde_json::to_string(&entry)?);
        } else {
            println!("queued {}", entry.mutation.id);
        }
    }
    Ok(())
}
