//! The completion scripts, from the same command tree as parsing. clap_complete's bash script
//! offers every option wherever a word starts, so `import upload <Tab>` completed the dashes
//! all options share instead of listing files, and `task <Tab><Tab>` listed 19 options before
//! its six verbs. Here bash offers options only to a word that starts with `-`, a command's
//! verbs where a verb goes, and files where a file goes.

use clap_complete::Shell;

/// The script for `shell`, as `cloudconvert completions SHELL` prints it.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = super::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cloudconvert", &mut buf);
    if shell != Shell::Bash {
        return buf;
    }
    let mut takes_files = Vec::new();
    files_by_name(&cmd, "cloudconvert".into(), &mut takes_files);
    bash_by_word(&String::from_utf8_lossy(&buf), &takes_files).into_bytes()
}

/// The names the bash script gives each command (`cloudconvert__subcmd__import__subcmd__upload`)
/// whose operands are files.
fn files_by_name(cmd: &clap::Command, name: String, out: &mut Vec<String>) {
    let files = cmd.get_positionals().any(|a| {
        matches!(
            a.get_value_hint(),
            clap::ValueHint::FilePath | clap::ValueHint::AnyPath
        )
    });
    if files {
        out.push(name.clone());
    }
    for sub in cmd.get_subcommands() {
        files_by_name(sub, format!("{name}__subcmd__{}", sub.get_name()), out);
    }
}

/// Rewrites each command's block of clap_complete's bash script: options for a word that
/// starts with `-`; else its verbs alone, or files where the command takes them, or nothing
/// (never every option, whose common `-` bash would insert).
fn bash_by_word(script: &str, takes_files: &[String]) -> String {
    let mut out = String::with_capacity(script.len() + 4096);
    let mut name = String::new();
    let mut verbs = String::new();
    for line in script.lines() {
        let trimmed = line.trim();
        if line.starts_with("        ") && !line.starts_with("         ") && trimmed.ends_with(')')
        {
            name = trimmed.trim_end_matches(')').to_string();
        }
        if let Some(opts) = trimmed
            .strip_prefix("opts=\"")
            .and_then(|o| o.strip_suffix('"'))
        {
            verbs = opts
                .split(' ')
                .filter(|w| !w.starts_with('-') && !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
        }
        if let Some(rest) = trimmed.strip_prefix("if [[ ${cur} == -* || ${COMP_CWORD} -eq ") {
            let _ = rest;
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!("{indent}if [[ ${{cur}} == -* ]] ; then\n"));
            continue;
        }
        if trimmed == "COMPREPLY=( $(compgen -W \"${opts}\" -- \"${cur}\") )"
            && out.trim_end().ends_with("esac")
        {
            let indent = &line[..line.len() - line.trim_start().len()];
            if !verbs.is_empty() {
                out.push_str(&format!(
                    "{indent}COMPREPLY=( $(compgen -W \"{verbs}\" -- \"${{cur}}\") )\n"
                ));
            } else if takes_files.contains(&name) {
                out.push_str(&format!(
                    "{indent}COMPREPLY=( $(compgen -f -- \"${{cur}}\") )\n"
                ));
            } else {
                out.push_str(&format!("{indent}COMPREPLY=()\n"));
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
