//! `cloudconvert completions SHELL`: the committed scripts, and what bash completes where.

use crate::support::*;

#[test]
fn completions_print_the_committed_scripts() {
    let sb = Sandbox::new();
    for (shell, file) in [
        ("bash", "cloudconvert.bash"),
        ("zsh", "_cloudconvert"),
        ("fish", "cloudconvert.fish"),
        ("powershell", "_cloudconvert.ps1"),
        ("elvish", "cloudconvert.elv"),
    ] {
        let out = sb.cmd().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let committed = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("completions")
                .join(file),
        )
        .unwrap();
        assert!(
            out.stdout == committed,
            "{shell}: differs from completions/{file}"
        );
    }
    let out = sb.cmd().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Bash completion, as a person meets it: `task <Tab><Tab>` offers the six verbs (not 19
/// options first), `import upload <Tab>` lists files (it inserted the `-` every option
/// shares), and a word that starts with `-` gets the options.
#[cfg(unix)]
#[test]
fn bash_completes_verbs_files_and_options_where_each_goes() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let script = sb.path().join("cloudconvert.bash");
    let out = sb.cmd().args(["completions", "bash"]).output().unwrap();
    std::fs::write(&script, &out.stdout).unwrap();
    let dir = sb.path().join("docs");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["report.pdf", "photo.jpg"] {
        std::fs::write(dir.join(name), "x").unwrap();
    }
    let complete = |words: &[&str]| -> Vec<String> {
        let words: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let program = format!(
            "source {}; COMP_WORDS=({}); COMP_CWORD={}; _cloudconvert cloudconvert \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            words.join(" "),
            words.len() - 1
        );
        let out = std::process::Command::new("bash")
            .args(["--norc", "-c", &program])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let mut got: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
        got.sort();
        got
    };
    assert_eq!(
        complete(&["cloudconvert", "task", ""]),
        [
            "cancel", "delete", "download", "list", "retry", "show", "wait"
        ]
    );
    assert_eq!(
        complete(&["cloudconvert", "job", ""]),
        ["create", "delete", "list", "show", "wait"]
    );
    assert_eq!(
        complete(&["cloudconvert", "import", "upload", ""]),
        ["photo.jpg", "report.pdf"]
    );
    assert_eq!(
        complete(&["cloudconvert", "import", "upload", "--no-v"]),
        ["--no-verify"]
    );
    assert!(complete(&["cloudconvert", "import", ""]).contains(&"upload".to_string()));
}
