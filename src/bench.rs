pub fn run(_: &Plan) -> anyhow::Result<()> { Ok(()) }
pub struct Plan { pub sizes: Vec<usize>, pub seed: u64, pub queries: usize, pub http_queries: usize, pub work_dir: Option<std::path::PathBuf> }
