//! The pages in a real browser: headless Chromium (Debian package `chromium`, with
//! `fonts-noto-cjk` for the Chinese glyphs and `poppler-utils` for `pdfinfo`) opens each kind of
//! page from the demo dataset and the tests check that it loads with no console message and no
//! network request, that its charts are drawn with a size, that its numbers equal
//! `--format json`'s, and that printing it gives A4 pages. A missing package fails the test with
//! its name; nothing is skipped.
//!
//! How: the page is copied with a probe script added before `</body>` (the page itself has no
//! script); `chromium --headless --dump-dom` runs it, and the probe writes what it measured
//! (each SVG's size, each bar's width, every `data-k` figure) into the dumped DOM. Console
//! messages come from `--enable-logging=stderr` (lines with `:CONSOLE`); network requests from
//! the NetLog of `--log-net-log`: every URL request whose network isolation key is the page's
//! `file://` site (the browser's own background requests carry other keys). A control test
//! shows both detectors fire on a page that logs and fetches.

use crate::workdir::Workdir;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const PROBE: &str = r#"(function () {
  const box = (e) => e.getBoundingClientRect();
  const svgs = [...document.querySelectorAll('svg')].map((s) => ({
    w: Math.round(box(s).width), h: Math.round(box(s).height),
    bars: [...s.querySelectorAll('rect.bar')].map((b) => Math.round(box(b).width * 100) / 100),
    texts: s.querySelectorAll('text').length,
  }));
  const keys = [...document.querySelectorAll('[data-k]')].map((e) => [e.dataset.k, e.textContent.trim()]);
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify({ lang: document.documentElement.lang, svgs, keys });
  document.body.appendChild(pre);
})();"#;

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

fn chromium() -> PathBuf {
    on_path("chromium").unwrap_or_else(|| {
        panic!(
            "headless Chromium is needed for the browser tests and `chromium` is not on PATH: \
             install the Debian package `chromium` (apt-get install chromium fonts-noto-cjk poppler-utils)"
        )
    })
}

/// Fails unless fontconfig knows a Chinese font from `fonts-noto-cjk` (else Chinese is drawn as
/// empty boxes).
fn require_cjk_font() {
    let out = Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run fc-list ({e}): install the Debian packages `fontconfig` and `fonts-noto-cjk`")
        });
    let families = String::from_utf8_lossy(&out.stdout);
    assert!(
        families.contains("Noto Sans CJK SC"),
        "no Chinese font for the pages: install the Debian package `fonts-noto-cjk`; fc-list :lang=zh gave:\n{families}"
    );
}

/// The headless flags that work as root in a container, with a fresh profile in `dir`.
fn browser(dir: &Path) -> Command {
    let profile = dir.join(format!(
        "profile-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let mut c = Command::new("timeout");
    c.arg("120").arg(chromium()).args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=800,1200",
    ]);
    c.arg(format!("--user-data-dir={}", profile.display()));
    c
}

fn url(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// What a page did in the browser.
struct Loaded {
    probe: Value,
    console: Vec<String>,
    requests: Vec<String>,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Opens `page` (the HTML text) with the probe, and returns what it measured and did.
fn load(page: &str, dir: &Path, name: &str) -> Loaded {
    assert!(page.contains("</body>"), "not a page: {page}");
    let file = dir.join(format!("{name}.probe.html"));
    std::fs::write(
        &file,
        page.replace("</body>", &format!("<script>{PROBE}</script></body>")),
    )
    .unwrap();
    let net = dir.join(format!("{name}.netlog.json"));
    let out = browser(dir)
        .args(["--enable-logging=stderr", "--v=0"])
        .arg(format!("--log-net-log={}", net.display()))
        .arg("--dump-dom")
        .arg(url(&file))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "chromium failed on {name}: {stderr}");
    let start = dom
        .find("<pre id=\"probe\">")
        .unwrap_or_else(|| panic!("the probe did not run on {name}; DOM:\n{dom}\nstderr:\n{stderr}"));
    let rest = &dom[start + "<pre id=\"probe\">".len()..];
    let probe: Value = serde_json::from_str(&unescape(&rest[..rest.find("</pre>").unwrap()])).unwrap();
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    Loaded {
        probe,
        console,
        requests: page_requests(&net),
    }
}

/// The URLs the page itself asked the network for, from a NetLog file.
fn page_requests(net: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(net).unwrap_or_else(|e| panic!("no NetLog at {}: {e}", net.display()));
    // Chromium may leave the last event unterminated; close the list if so.
    let log: Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .unwrap_or_else(|e| panic!("unreadable NetLog {}: {e}", net.display()));
    let mut urls: Vec<String> = log["events"]
        .as_array()
        .expect("NetLog events")
        .iter()
        .filter_map(|e| {
            let p = &e["params"];
            let key = p["network_isolation_key"].as_str()?;
            let url = p["url"].as_str()?;
            key.contains("file://").then(|| url.to_string())
        })
        .collect();
    urls.dedup();
    urls
}

/// A decimal's hundredths (`85.5` and `85.50` are both 8550), for comparing page and JSON.
fn hundredths(s: &str) -> Option<i64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 2 || int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = format!("{frac:0<2}");
    Some(int.parse::<i64>().ok()? * 100 + frac.parse::<i64>().ok()?)
}

/// Every `data-k` figure on the page equals the JSON value its pointer names; returns the
/// pointers seen.
fn figures_match(l: &Loaded, json: &Value, name: &str) -> Vec<String> {
    let keys = l.probe["keys"].as_array().unwrap();
    assert!(!keys.is_empty(), "{name}: no figures marked");
    keys.iter()
        .map(|kv| {
            let (k, text) = (kv[0].as_str().unwrap(), kv[1].as_str().unwrap());
            let want = json
                .pointer(k)
                .unwrap_or_else(|| panic!("{name}: {k} is not in the JSON"));
            let want = match want {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            match (hundredths(text), hundredths(&want)) {
                (Some(a), Some(b)) => assert_eq!(a, b, "{name}: {k} is {text} on the page, {want} in JSON"),
                _ => assert_eq!(text, want, "{name}: {k}"),
            }
            k.to_string()
        })
        .collect()
}

/// Loaded without console messages or requests; every chart has a size and drawn bars.
fn clean_and_drawn(l: &Loaded, name: &str, charts: usize) {
    assert_eq!(l.console, Vec::<String>::new(), "{name}: console messages");
    assert_eq!(l.requests, Vec::<String>::new(), "{name}: network requests");
    let svgs = l.probe["svgs"].as_array().unwrap();
    assert_eq!(svgs.len(), charts, "{name}: charts {svgs:?}");
    for s in svgs {
        assert!(s["w"].as_i64().unwrap() >= 300, "{name}: chart too narrow: {s}");
        assert!(s["h"].as_i64().unwrap() >= 30, "{name}: chart too low: {s}");
        assert!(
            s["texts"].as_i64().unwrap() > 0,
            "{name}: chart without labels: {s}"
        );
        let bars = s["bars"].as_array().unwrap();
        assert!(!bars.is_empty(), "{name}: chart without bars: {s}");
    }
}

/// Prints `page` to PDF and returns (pages, page size line of pdfinfo).
fn pdf(page: &str, dir: &Path, name: &str) -> (u32, String) {
    let html = dir.join(format!("{name}.html"));
    std::fs::write(&html, page).unwrap();
    let pdf = dir.join(format!("{name}.pdf"));
    let out = browser(dir)
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url(&html))
        .output()
        .expect("run chromium");
    assert!(pdf.exists(), "no PDF: {}", String::from_utf8_lossy(&out.stderr));
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdfinfo ({e}): install the Debian package `poppler-utils`"));
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let field = |k: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(k))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("pdfinfo gave no {k}: {info}"))
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

const A4: &str = "594.96 x 841.92 pts (A4)";

fn demo() -> Workdir {
    chromium();
    require_cjk_font();
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    wd
}

#[test]
fn ranking_page_in_the_browser() {
    let wd = demo();
    let base = ["score", "--all", "--period", "2024", "--as-of", "2025-03-01"];
    let json: Value = serde_json::from_str(&wd.ok(&[&base[..], &["--format", "json"]].concat())).unwrap();
    for lang in ["zh", "en"] {
        let page = wd.ok(&[&base[..], &["--format", "html", "--lang", lang]].concat());
        let l = load(&page, wd.path(), &format!("ranking-{lang}"));
        assert_eq!(l.probe["lang"], if lang == "zh" { "zh-CN" } else { "en" });
        clean_and_drawn(&l, "ranking", 1);
        assert_eq!(l.probe["svgs"][0]["bars"].as_array().unwrap().len(), 3);
        let keys = figures_match(&l, &json, "ranking");
        for n in 0..3 {
            assert!(keys.contains(&format!("/{n}/total")), "{keys:?}");
            assert!(keys.contains(&format!("/{n}/parts/4/points")), "{keys:?}");
        }
        assert_eq!(keys.len(), 3 * 8);
    }
    let page = wd.ok(&[&base[..], &["--format", "html"]].concat());
    assert_eq!(pdf(&page, wd.path(), "ranking"), (1, A4.to_string()));
}

#[test]
fn scorecard_page_in_the_browser() {
    let wd = demo();
    let base = [
        "score",
        "--station",
        "CQ-LJ-002",
        "--period",
        "2024",
        "--as-of",
        "2025-03-01",
    ];
    let json: Value = serde_json::from_str(&wd.ok(&[&base[..], &["--format", "json"]].concat())).unwrap();
    let page = wd.ok(&[&base[..], &["--format", "html"]].concat());
    let l = load(&page, wd.path(), "scorecard");
    clean_and_drawn(&l, "scorecard", 1);
    assert_eq!(l.probe["svgs"][0]["bars"].as_array().unwrap().len(), 5);
    let keys = figures_match(&l, &json, "scorecard");
    let items = json["items"].as_array().unwrap().len();
    for j in 0..items {
        assert!(keys.contains(&format!("/items/{j}/points")), "{keys:?}");
        assert!(keys.contains(&format!("/items/{j}/max")), "{keys:?}");
    }
    for k in ["/total", "/base", "/bonus", "/penalty", "/as_of"] {
        assert!(keys.contains(&k.to_string()), "{k} not on the page");
    }
    assert_eq!(pdf(&page, wd.path(), "scorecard"), (2, A4.to_string()));
}

#[test]
fn city_page_in_the_browser() {
    let wd = demo();
    let base = ["report", "generate", "city", "--period", "2024"];
    let json: Value = serde_json::from_str(&wd.ok(&[&base[..], &["--format", "json"]].concat())).unwrap();
    let page = wd.ok(&[&base[..], &["--format", "html"]].concat());
    let l = load(&page, wd.path(), "city");
    // By quarter, six breakdowns, time limits, reports.
    clean_and_drawn(&l, "city", 9);
    let keys = figures_match(&l, &json, "city");
    for (n, _) in json["cases"]["by_country"].as_array().unwrap().iter().enumerate() {
        assert!(keys.contains(&format!("/cases/by_country/{n}/count")), "{keys:?}");
    }
    for k in [
        "/cases/received",
        "/previous_received",
        "/by_quarter/3/count",
        "/by_quarter/3/previous",
        "/on_time/followup/share_percent",
        "/trainings/participants",
        "/reports/3/share_percent",
        "/by_station_level/1/count",
    ] {
        assert!(keys.contains(&k.to_string()), "{k} not on the page");
    }
    let (pages, size) = pdf(&page, wd.path(), "city");
    assert_eq!(size, A4);
    assert_eq!(pages, 3);
}

/// The detectors can fail: a page that logs to the console and fetches an image is caught.
#[test]
fn the_browser_harness_sees_console_messages_and_requests() {
    chromium();
    let dir = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html><html><body><p>x</p><img src=\"http://127.0.0.1:9/x.png\">\
                <script>console.error('boom')</script></body></html>";
    let l = load(page, dir.path(), "bad");
    assert_eq!(l.console.len(), 1, "{:?}", l.console);
    assert!(l.console[0].contains("\"boom\""), "{:?}", l.console);
    assert_eq!(l.requests, ["http://127.0.0.1:9/x.png"]);
    assert_eq!(l.probe["svgs"], serde_json::json!([]));
}
