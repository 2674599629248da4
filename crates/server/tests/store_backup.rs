//! The operator's store commands, on the real binary: back up, damage the store, see the server
//! refuse to start with words instead of a panic, restore, and every device syncs on as before.

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use support::device_store;
use velay_core::client::Client;
use velay_core::mutation::Op;

const ADMIN: &str = "store-test-admin-token-0123";

fn server_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_velay-server"));
    cmd.env("VELAY_ADMIN_TOKEN", ADMIN).env_remove("RUST_BACKTRACE");
    cmd
}

fn start(data: &Path) -> (Child, String) {
    let mut child = server_command()
        .args(["serve", "--bind", "127.0.0.1:0", "--data"])
        .arg(data)
        .arg("--seed")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("listening on "), "{line}");
    (child, line.trim().trim_start_matches("listening on ").to_string())
}

fn stop(mut server: Child) {
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    server.wait().unwrap();
}

fn store(args: &[&str], data: &Path, file: Option<(&str, &Path)>) -> Output {
    let mut cmd = server_command();
    cmd.arg("store").args(args).arg("--data").arg(data);
    if let Some((flag, path)) = file {
        cmd.arg(flag).arg(path);
    }
    cmd.output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Flips 64 bytes in the middle of sled's data file.
fn damage(data: &Path) {
    let file = data.join("store/db");
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b ^= 0xa5;
    }
    std::fs::write(&file, bytes).unwrap();
}

fn note(i: usize) -> Op {
    Op::Feedback {
        route: "puy-ville-haute".into(),
        text: format!("note {i}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_up_damage_restore_and_every_device_syncs_on() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (server, url) = start(&data);
    let mut devices = Vec::new();
    for _ in 0..3 {
        let (tmp, store) = device_store();
        let client = Client::new(&url).unwrap();
        client.ensure_registered(&store).await.unwrap();
        for i in 0..5 {
            store.enqueue(note(i)).unwrap();
        }
        let credential = store.credential().unwrap().unwrap();
        let (accepted, _) = client.push(&store, &credential).await.unwrap();
        assert_eq!(accepted, 5);
        devices.push((tmp, store));
    }
    stop(server);

    let checked = store(&["check"], &data, None);
    assert!(checked.status.success(), "{}", text(&checked));
    assert!(text(&checked).contains("is sound"), "{}", text(&checked));

    let backup = dir.path().join("before.velaybk");
    let backed = store(&["backup"], &data, Some(("--to", &backup)));
    assert!(backed.status.success(), "{}", text(&backed));

    damage(&data);
    let refused = server_command()
        .args(["serve", "--bind", "127.0.0.1:0", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let said = text(&refused);
    assert!(!refused.status.success(), "a damaged store was served: {said}");
    assert!(said.contains("is damaged") && said.contains("store restore"), "{said}");
    assert!(!said.contains("panicked") && !said.contains("another server"), "{said}");
    let checked = store(&["check"], &data, None);
    assert!(
        !checked.status.success() && text(&checked).contains("is damaged"),
        "{}",
        text(&checked)
    );

    let restored = store(&["restore"], &data, Some(("--from", &backup)));
    assert!(restored.status.success(), "{}", text(&restored));
    assert!(text(&restored).contains("kept in"), "{}", text(&restored));
    let kept: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("store.before-restore-"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged store is kept aside");

    let (server, url) = start(&data);
    for (i, (_, store)) in devices.iter().enumerate() {
        let client = Client::new(&url).unwrap();
        // The same token still opens the same device: its notes are there and it pushes on.
        let credential = store.credential().unwrap().unwrap();
        store.enqueue(note(100 + i)).unwrap();
        let (accepted, _) = client.push(store, &credential).await.unwrap();
        assert_eq!(accepted, 1, "device {i} pushes after the restore");
    }
    let probe = reqwest::Client::new()
        .get(format!("{url}/health"))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .unwrap();
    assert!(probe.status().is_success());
    stop(server);
}

#[test]
fn a_cut_backup_is_refused_and_the_store_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (server, _) = start(&data);
    stop(server);
    let backup = dir.path().join("b.velaybk");
    assert!(store(&["backup"], &data, Some(("--to", &backup))).status.success());
    let whole = std::fs::read(&backup).unwrap();
    std::fs::write(&backup, &whole[..whole.len() - 100]).unwrap();
    let before = std::fs::read(data.join("store/db")).unwrap();

    let refused = store(&["restore"], &data, Some(("--from", &backup)));
    assert!(!refused.status.success());
    assert!(text(&refused).contains("checksum does not match"), "{}", text(&refused));
    assert_eq!(std::fs::read(data.join("store/db")).unwrap(), before);
    assert!(!data.join("store.restoring").exists());

    let garbage = dir.path().join("garbage");
    std::fs::write(&garbage, b"not a backup at all, just words").unwrap();
    let refused = store(&["restore"], &data, Some(("--from", &garbage)));
    assert!(text(&refused).contains("not a backup"), "{}", text(&refused));
}

#[test]
fn a_restore_waits_for_the_server_to_stop() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (server, _) = start(&data);
    let backup = dir.path().join("b.velaybk");
    let backed = store(&["backup"], &data, Some(("--to", &backup)));
    // The store is held by the running server: the backup says so instead of hanging.
    assert!(!backed.status.success());
    assert!(text(&backed).contains("in use"), "{}", text(&backed));
    stop(server);
    assert!(store(&["backup"], &data, Some(("--to", &backup))).status.success());
    let (server, _) = start(&data);
    let refused = store(&["restore"], &data, Some(("--from", &backup)));
    assert!(
        !refused.status.success() && text(&refused).contains("in use"),
        "{}",
        text(&refused)
    );
    stop(server);
}
