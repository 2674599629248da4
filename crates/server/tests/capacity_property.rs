//! The slot capacity invariant as a property: whatever mix of requests, cancellations and
//! greeter answers, in batches from several devices, the seats held by pending and confirmed
//! requests never exceed the slot's capacity, and the store's count matches the requests.

mod support;

use proptest::prelude::*;
use support::greeters::publish_slot;
use support::TestServer;
use velay_core::greeter::Contact;
use velay_core::mutation::{Mutation, Op};
use velay_server::store::{RequestStore, SlotStore};
use velay_server::ServerStore;

#[derive(Clone, Debug)]
enum Step {
    /// A device pushes a batch of requests (party sizes).
    Ask { device: usize, parties: Vec<u8> },
    /// A device cancels its n-th request.
    Cancel { device: usize, nth: usize },
    /// The greeter confirms or declines the n-th request.
    Answer { nth: usize, confirm: bool },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, prop::collection::vec(1..=6u8, 1..4)).prop_map(|(device, parties)| Step::Ask { device, parties }),
        (0..3usize, 0..8usize).prop_map(|(device, nth)| Step::Cancel { device, nth }),
        (0..8usize, any::<bool>()).prop_map(|(nth, confirm)| Step::Answer { nth, confirm }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn seats_held_never_exceed_the_capacity_whatever_the_mix(capacity in 1..=6u8, steps in prop::collection::vec(step(), 1..25)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let server = rt.block_on(TestServer::start());
        let slot = publish_slot(&server, "claire", capacity);
        let devices: Vec<String> = (0..3u8).map(|i| server.store.register([i + 1; 32]).unwrap()).collect();
        let mut made: Vec<Vec<uuid::Uuid>> = vec![vec![]; 3];
        for s in steps {
            match s {
                Step::Ask { device, parties } => {
                    let batch: Vec<Mutation> = parties
                        .iter()
                        .map(|p| Mutation::new(Op::RequestMeeting {
                            slot: slot.clone(),
                            party: *p,
                            language: "fr".into(),
                            message: String::new(),
                            contact: Contact::Email("a@example.org".into()),
                        }))
                        .collect();
                    made[device].extend(batch.iter().map(|m| m.id));
                    server.store.push(&devices[device], &batch).unwrap();
                }
                Step::Cancel { device, nth } => {
                    if let Some(id) = made[device].get(nth) {
                        let m = Mutation::new(Op::CancelRequest { request: *id });
                        server.store.push(&devices[device], &[m]).unwrap();
                    }
                }
                Step::Answer { nth, confirm } => {
                    let rows = server.store.greeter_requests("claire").unwrap();
                    if let Some(row) = rows.get(nth) {
                        let _ = server.store.answer("claire", row.id, confirm, "");
                    }
                }
            }
            let held: u32 = server
                .store
                .greeter_requests("claire")
                .unwrap()
                .iter()
                .filter(|r| r.state.holds_seats())
                .map(|r| u32::from(r.party))
                .sum();
            prop_assert!(held <= u32::from(capacity), "{held} seats held in a slot of {capacity}");
            let counted = server.store.greeter_slots("claire").unwrap().iter().find(|(s, _)| s.id == slot).unwrap().1;
            prop_assert_eq!(counted, held);
        }
        rt.block_on(server.stop());
    }
}
