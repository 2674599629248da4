//! `velay-cli outbox`: every user write with where it stands (queued, sent, accepted, refused).

use velay_core::mutation::EntryState;
use velay_core::Store;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    let entries = store.outbox()?;
    if args.json {
        println!("{}", serde_json::to_string(&entries)?);
        return Ok(());
    }
    for e in entries {
        let state = match &e.state {
            EntryState::Queued => "queued".to_string(),
            EntryState::Sent { at } => format!("sent {at}"),
            EntryState::Accepted { at } => format!("accepted {at}"),
            EntryState::Refused { at, reason } => format!("refused {at}: {reason}"),
        };
        println!("{}\t{state}", e.mutation.id);
    }
    Ok(())
}
