//! `velay-cli greeters`, `request` and `requests`: the greeters in the store with their
//! availability rules and the slots those make in the coming weeks, asking one for a slot
//! (queued in the outbox, sent at the next sync), and where each request stands.

use anyhow::Context;
use serde::Serialize;
use velay_core::greeter::{Availability, Contact, Greeter, Slot};
use velay_core::mutation::Op;
use velay_core::store::RequestStatus;
use velay_core::Store;

#[derive(clap::Args)]
pub struct ListArgs {
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct GreetersArgs {
    /// The local time in the Velay to list the slots from (2026-12-12T09:00:00), for a
    /// demonstration on another day; the device's clock by default.
    #[arg(long)]
    now: Option<chrono::NaiveDateTime>,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct RequestArgs {
    /// The slot asked for (see `greeters --json`).
    #[arg(long)]
    slot: String,
    /// How many people come, 1 to 6.
    #[arg(long)]
    party: u8,
    #[arg(long, required_unless_present = "phone", conflicts_with = "phone")]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long, default_value = "fr")]
    language: String,
    #[arg(long, default_value = "")]
    message: String,
    /// The local time in the Velay to check the slot's start against (2026-12-12T09:00:00),
    /// for a demonstration on another day; the device's clock by default.
    #[arg(long)]
    now: Option<chrono::NaiveDateTime>,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    greeter: &'a Greeter,
    availability: Vec<&'a Availability>,
    /// The slots still to come in the weeks ahead.
    slots: Vec<&'a Slot>,
}

pub fn list(store: &Store, args: GreetersArgs) -> anyhow::Result<()> {
    let now = args
        .now
        .unwrap_or_else(|| velay_core::clock::Clock::system().local_now());
    let greeters = store.greeters()?;
    let rules = store.rules()?;
    let slots: Vec<Slot> = store
        .slots(now.date())?
        .into_iter()
        .filter(|s| !s.has_started(now))
        .collect();
    if args.json {
        let listed: Vec<Listed> = greeters
            .iter()
            .map(|g| Listed {
                greeter: g,
                availability: rules.iter().filter(|r| r.greeter == g.id).collect(),
                slots: slots.iter().filter(|s| s.greeter == g.id).collect(),
            })
            .collect();
        println!("{}", serde_json::to_string(&listed)?);
        return Ok(());
    }
    for g in &greeters {
        let n = slots.iter().filter(|s| s.greeter == g.id).count();
        println!("{}\t{}\t{}\t{}\t{n} slots", g.id, g.name, g.site, g.languages.join(","));
    }
    Ok(())
}

pub fn request(store: &Store, args: RequestArgs) -> anyhow::Result<()> {
    if store.slot(&args.slot)?.is_none() {
        anyhow::bail!("there is no slot {:?} in the store; `greeters` lists them", args.slot);
    }
    let contact = match (args.email, args.phone) {
        (Some(e), _) => Contact::Email(e),
        (None, Some(p)) => Contact::Phone(p),
        (None, None) => anyhow::bail!("give --email or --phone"),
    };
    // A slot whose start has passed in the Velay is refused here, as the server would.
    let now = args
        .now
        .unwrap_or_else(|| velay_core::clock::Clock::system().local_now());
    let entry = store
        .request_meeting(
            Op::RequestMeeting {
                slot: args.slot,
                party: args.party,
                language: args.language,
                message: args.message,
                contact,
            },
            now,
        )
        .context("queueing the request")?;
    // Printed once on disk: the request goes out at the next sync.
    let view = store
        .requests()?
        .into_iter()
        .find(|r| r.id == entry.mutation.id)
        .context("the queued request is not in the store")?;
    if args.json {
        println!("{}", serde_json::to_string(&view)?);
    } else {
        println!("{}\t{}", view.id, status(view.status));
    }
    Ok(())
}

pub fn requests(store: &Store, args: ListArgs) -> anyhow::Result<()> {
    let views = store.requests()?;
    if args.json {
        println!("{}", serde_json::to_string(&views)?);
        return Ok(());
    }
    for v in views {
        let why = v.refusal.map(|r| format!("\t{r}")).unwrap_or_default();
        println!("{}\t{}\t{}\t{}{why}", v.id, v.slot, status(v.status), v.at);
    }
    Ok(())
}

fn status(s: RequestStatus) -> &'static str {
    match s {
        RequestStatus::WaitingToSend => "waiting to send",
        RequestStatus::Sent => "sent",
        RequestStatus::Pending => "pending",
        RequestStatus::Confirmed => "confirmed",
        RequestStatus::Declined => "declined",
        RequestStatus::Cancelled => "cancelled",
        RequestStatus::Refused => "refused",
    }
}
