//! What the shell does itself, and how it runs the rest.

use alloc::format;
use alloc::string::String;

use libipc::wire::BoundedString;
use line_editor::parse;
use ramdisk::api::NodeKind;

use super::Shell;

/// The builtins, for `help` and completion.
pub const NAMES: [&str; 6] = ["cd", "exit", "help", "jobs", "kill", "pwd"];

/// Whether the shell goes on.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    /// Read the next line.
    Continue,
    /// `exit`.
    Exit,
}

impl Shell {
    /// Runs one submitted line.
    pub fn run_line(&mut self, line: &str) -> Flow {
        let command = match parse(line) {
            Ok(command) => command,
            Err(error) => {
                self.say(&format!("shell: {error}\n"));
                return Flow::Continue;
            }
        };
        let mut words = command.words.clone();
        // A last word `&` runs the program in the background.
        let background = words.last().is_some_and(|word| word == "&");
        if background {
            words.pop();
        }
        let Some((program, arguments)) = words.split_first() else { return Flow::Continue };
        match program.as_str() {
            "exit" => return Flow::Exit,
            "pwd" => {
                let cwd = format!("{}\n", self.cwd);
                self.say(&cwd);
            }
            "cd" => {
                let home = self.home.clone();
                self.change_directory(arguments.first().map_or(home.as_str(), String::as_str));
            }
            "help" => self.say(
                "Builtins: cd [DIR], pwd, help, exit (logs out), jobs, kill ID|%JOB.\n\
                 Other commands run /bin/NAME; `COMMAND > FILE` writes its output to FILE\n\
                 (`>>` appends); `COMMAND &` runs it in the background.\n\
                 Keys: arrows, Home/End, Backspace/Delete, Up/Down for history, Tab to complete,\n\
                 Ctrl+C to stop a program.\n",
            ),
            "jobs" => {
                let listing = self.jobs.list();
                self.say(&listing);
            }
            "kill" => self.kill(arguments),
            _ => self.run_program(program, arguments, command.redirect.as_ref(), background),
        }
        Flow::Continue
    }

    /// `kill ID...`: ends background jobs, by process id or `%N`.
    fn kill(&mut self, arguments: &[String]) {
        if arguments.is_empty() {
            return self.say("kill: usage: kill ID|%JOB... (see `jobs`)\n");
        }
        for typed in arguments {
            if let Err(why) = self.jobs.kill(typed) {
                self.say(&format!("kill: {typed}: {why}\n"));
            }
        }
    }

    fn change_directory(&mut self, typed: &str) {
        let target = match vfs_path::normalize(&self.cwd, typed) {
            Ok(target) => target,
            Err(error) => return self.say(&format!("cd: {typed}: {error}\n")),
        };
        let Ok(name) = BoundedString::<256>::try_from_str(&target) else {
            return self.say(&format!("cd: {typed}: path too long\n"));
        };
        match self.fs.stat(name) {
            Ok(metadata) if metadata.kind == NodeKind::Directory => self.cwd = target,
            Ok(_) => self.say(&format!("cd: {typed}: not a directory\n")),
            Err(error) => self.say(&format!("cd: {typed}: {}\n", userland::describe(&error))),
        }
    }
}
