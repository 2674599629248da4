//! The real server binary stops on SIGTERM only after the writes it accepted are answered and
//! on disk: every push that got an answer is still there after a restart.

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::device_store;
use velay_core::client::Client;
use velay_core::mutation::Op;

fn start(data: &Path, seed: bool) -> (Child, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_velay-server"));
    cmd.args(["serve", "--bind", "127.0.0.1:0", "--data"]).arg(data);
    if seed {
        cmd.arg("--seed")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data"));
    }
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().trim_start_matches("listening on ").to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_accepted_writes_before_stopping() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, url) = start(dir.path(), true);
    let mut devices = Vec::new();
    for d in 0..8 {
        let (tmp, store) = device_store();
        Client::new(&url).unwrap().ensure_registered(&store).await.unwrap();
        for i in 0..40 {
            store
                .enqueue(Op::Feedback {
                    route: "puy-ville-haute".into(),
                    text: format!("device {d} note {i}"),
                })
                .unwrap();
        }
        devices.push((tmp, store));
    }
    let pushes: Vec<_> = devices
        .iter()
        .map(|(_, store)| {
            let (store, url) = (store.clone(), url.clone());
            tokio::spawn(async move {
                let client = Client::new(&url).unwrap();
                let credential = store.credential().unwrap().unwrap();
                client.push(&store, &credential).await
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(15)).await;
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    let mut answered = Vec::new();
    for (push, (_, store)) in pushes.into_iter().zip(&devices) {
        if let Ok(Ok((accepted, _))) = push.await {
            answered.push((store.clone(), accepted));
        }
    }
    let stopping = Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopping.elapsed() < Duration::from_secs(15),
            "the server did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "the server stopped with {status}");

    // After a restart, every answered push is there.
    let (mut again, url) = start(dir.path(), false);
    for (store, accepted) in &answered {
        Client::new(&url).unwrap().sync(store, |_| {}).await.unwrap();
        assert_eq!(store.private_records().unwrap().len(), *accepted);
    }
    println!(
        "{} of {} pushes answered before the stop",
        answered.len(),
        devices.len()
    );
    let _ = again.kill();
    let _ = again.wait();
}

#[test]
fn a_server_whose_admin_token_file_was_left_empty_refuses_to_start_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    // What a crash between creating the file and writing it used to leave.
    std::fs::write(data.path().join("admin-token"), "").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_velay-server"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data"])
        .arg(data.path())
        .env_remove("VELAY_ADMIN_TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("admin-token") && said.contains("at least 16"), "{said}");
    let out = Command::new(env!("CARGO_BIN_EXE_velay-server"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data"])
        .arg(data.path())
        .env("VELAY_ADMIN_TOKEN", "short")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 16"));
}
