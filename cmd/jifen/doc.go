// Jifen (积分) runs a party branch's points register (党员积分制管理): it reads
// the committee's Excel workbooks, validates them against the branch's
// rubric, computes every member's quarterly and annual scores exactly as the
// branch's scheme says, and publishes a static transparency site, printable
// A4 notices, and the committee's ledgers and filings.
//
// Usage:
//
//	jifen build    [--data DIR] [--out DIR] [--reports DIR] [--as-of DATE] [--drafts]
//	jifen check    [--data DIR] [--as-of DATE] [--json]
//	jifen serve    [build flags] [--addr 127.0.0.1:8080] [--poll]
//	jifen watch    [build flags] [--poll]
//	jifen init     [--year YYYY] [--demo] [DIR]
//	jifen new-year --from YYYY --to YYYY [--data DIR]
//
// The flags are:
//
//	--data DIR      the data folder: one sub-folder per year of .xlsx workbooks, and pages/*.md (default data)
//	--out DIR       the public site (default site); replaced only by a build without errors
//	--reports DIR   the committee's reports (default reports), never published
//	--as-of DATE    the day that decides which quarters and years are closed (default today)
//	--drafts        also render the open quarter, watermarked 「未公示草稿」
//	--json          check: print findings as JSON lines
//	--addr ADDR     serve: listen address, loopback unless said otherwise
//	--poll          serve/watch: poll for changes (network shares, WSL)
//
// Every finding names its place as file:sheet!CELL. Exit status is 0 when
// the build succeeded (warnings allowed), 1 when the data has errors (nothing
// is written then; the previous outputs stay as they were), and 2 for usage
// or internal errors.
//
// Examples:
//
//	jifen init --demo .          # the demo register of a fictional branch
//	jifen build                  # site/ and reports/ from data/
//	jifen check --as-of 2027-01-10
//	jifen serve                  # preview at http://127.0.0.1:8080, rebuilt on every save
package main
