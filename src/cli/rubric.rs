//! `ipguard rubric …`

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct RubricArgs {
    #[command(subcommand)]
    pub command: RubricCommand,
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Show the rubric in force: parts, items, maxima and parameters
    #[command(after_help = "Example:\n  ipguard rubric show --lang zh")]
    Show,
    /// Print the rubric in force as JSON (a starting point for a custom rubric)
    #[command(after_help = "Example:\n  ipguard rubric export > my-rubric.json")]
    Export,
    /// Check a rubric file without using it
    #[command(after_help = "Example:\n  ipguard rubric check my-rubric.json")]
    Check {
        /// The rubric JSON file
        file: PathBuf,
    },
    /// Put a rubric file in force for this database (after checking it)
    #[command(after_help = "Example:\n  ipguard rubric use my-rubric.json")]
    Use {
        /// The rubric JSON file
        file: PathBuf,
    },
}
