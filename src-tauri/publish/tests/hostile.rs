//! A hostile site, served here on 127.0.0.1: a huge answer, an answer that never ends, a slow
//! trickle, a redirect to another host, a 500 with an HTML page, a server that never answers.
//! Byline never hangs (every case ends within its limits), never follows a redirect with the
//! credentials to another host, and says what happened; each is a "try again" or a "refused"
//! that leaves the outbox item retryable.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use byline_model::DestinationKind;
use byline_publish::{connect, Cms, Limits, SendError};

/// Short limits, so a test of a stalled server takes seconds.
fn limits() -> Limits {
    Limits {
        connect: Duration::from_secs(2),
        stall: Duration::from_secs(2),
        call: Duration::from_secs(4),
        upload: Duration::from_secs(4),
        max_answer: 1024 * 1024,
    }
}

/// Reads one request's head (and what of its body came with it).
fn read_request(stream: &mut TcpStream) -> String {
    let mut buf = vec![0u8; 65536];
    let mut got = Vec::new();
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    while !got.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

/// Serves each connection with `answer` on a thread; returns the address.
fn serve(answer: impl Fn(&mut TcpStream, &str) + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let answer = answer.clone();
            std::thread::spawn(move || {
                let request = read_request(&mut stream);
                answer(&mut stream, &request);
            });
        }
    });
    format!("http://127.0.0.1:{}", addr.port())
}

fn wordpress(url: &str) -> Box<dyn Cms> {
    connect(DestinationKind::Wordpress, url, Some("editor"), "abcd efgh ijkl", limits()).expect("connect")
}

/// Runs `check` and says how it ended and how long it took.
fn timed(cms: &dyn Cms) -> (Result<String, SendError>, Duration) {
    let start = Instant::now();
    let r = cms.check();
    (r, start.elapsed())
}

#[test]
fn a_huge_answer_is_cut_at_the_limit() {
    let url = serve(|s, _| {
        let _ = s.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n",
        );
        let chunk = vec![b' '; 65536];
        while s.write_all(&chunk).is_ok() {}
    });
    let (r, took) = timed(wordpress(&url).as_ref());
    match r {
        Err(SendError::Unreachable(m)) => assert!(m.contains("larger than 1 MB"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn an_answer_that_never_ends_or_trickles_is_cut_by_time() {
    // Headers, then a byte a second for ever: under the stall limit each time, so only the
    // whole call's limit ends it.
    let trickle = serve(|s, _| {
        let _ = s.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        );
        while s.write_all(b"1\r\n \r\n").is_ok() {
            std::thread::sleep(Duration::from_millis(500));
        }
    });
    let (r, took) = timed(wordpress(&trickle).as_ref());
    match r {
        Err(SendError::Unreachable(m)) => assert!(m.contains("did not answer in time"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(took < Duration::from_secs(10), "{took:?}");
    // A server that takes the request and never says a word.
    let silent = serve(|_, _| std::thread::sleep(Duration::from_secs(60)));
    let (r, took) = timed(wordpress(&silent).as_ref());
    assert!(matches!(r, Err(SendError::Unreachable(_))), "{r:?}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn a_redirect_to_another_host_is_not_followed_with_the_credentials() {
    let leaked = Arc::new(AtomicBool::new(false));
    let seen = leaked.clone();
    let elsewhere = serve(move |s, request| {
        if request.to_ascii_lowercase().contains("authorization:") {
            seen.store(true, Ordering::SeqCst);
        }
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    });
    let target = elsewhere.replace("127.0.0.1", "localhost");
    let url = serve(move |s, _| {
        let _ = write!(s, "HTTP/1.1 302 Found\r\nLocation: {target}/steal\r\nContent-Length: 0\r\n\r\n");
    });
    let cms = wordpress(&url);
    let (r, _) = timed(cms.as_ref());
    match r {
        Err(SendError::Refused(m)) => assert!(m.contains("another address"), "{m}"),
        other => panic!("{other:?}"),
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(!leaked.load(Ordering::SeqCst), "the other host never saw the credentials");
}

#[test]
fn a_server_error_page_is_text_and_the_send_can_be_tried_again() {
    let url = serve(|s, _| {
        let page = "<!DOCTYPE html><html><head><title>Oops</title><script>alert(1)</script></head>\
                    <body><h1>Error establishing a database connection</h1></body></html>";
        let _ = write!(s, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}", page.len());
    });
    let (r, _) = timed(wordpress(&url).as_ref());
    match r {
        // A server error is passing: the outbox tries again by itself.
        Err(SendError::Unreachable(m)) => {
            assert!(!m.contains('<'), "no markup in the message: {m}");
        }
        other => panic!("{other:?}"),
    }
    // The REST check reads the site's root: a 500 there names the site instead.
    let cms = wordpress(&url);
    let err = cms.post("1").expect_err("a 500");
    match err {
        SendError::Unreachable(m) => {
            assert!(m.contains("500") && m.contains("Error establishing a database connection"), "{m}");
            assert!(!m.contains('<') && !m.contains("alert"), "{m}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn nothing_listening_is_said_in_words() {
    let port = TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let (r, took) = timed(wordpress(&format!("http://127.0.0.1:{port}")).as_ref());
    match r {
        Err(SendError::Unreachable(m)) => assert!(m.contains("connection refused"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(took < Duration::from_secs(5));
}
