// Jifen (积分) runs a party branch's points register (党员积分制管理): it reads
// the committee's Excel workbooks, validates them against the branch's
// rubric, computes every member's quarterly and annual scores exactly as the
// branch's scheme says, and publishes a static transparency site, printable
// A4 notices, and the committee's ledgers and filings.
//
// Usage:
//
//	jifen build    [--data DIR] [--out DIR] [--reports DIR] [--as-of DATE] [--drafts]
//	               校验、计分并生成网站和报表
//	jifen check    [--data DIR] [--as-of DATE] [--json]
//	               只校验，列出问题
//	jifen serve    [build 参数] [--addr 127.0.0.1:8080] [--poll]
//	               生成并在本机预览，保存工作簿后自动刷新
//	jifen watch    [build 参数] [--poll]
//	               监视数据目录，变化后自动重新生成（不启动服务器）
//	jifen init     [--year YYYY] [--demo [--members N] [--rows-per-member K]] [DIR]
//	               在 DIR/data/YYYY/ 新建登记簿模板（不会覆盖已有文件）
//	jifen new-year --from YYYY --to YYYY [--data DIR]
//	               新年度：沿用设置、考核项目和党员名册，并列出新年度开始前要核对的事项
//	jifen post     PERIOD [--date DATE] [--data DIR] [--as-of DATE]
//	               记录某期公示已张贴（PERIOD 如 2026Q1、2026年第一季度，年度评定结果公示写 2026）
//	jifen summary  [--in DIR] [--out DIR]
//	               上级党组织：汇总各支部报送的备案包
//	jifen version
//	               版本号、提交和构建日期
//	jifen
//	               不带参数（即双击 jifen.exe）：在 jifen 所在的文件夹生成并在浏览器中预览 data/；
//	               还没有 data/ 时先新建本年度登记簿并打开“开始使用”页；每年第一次启动时新建本年度登记簿；
//	               已在运行时打开正在运行的预览；旁边只有 备案/ 文件夹时按上级党组织汇总备案包
//
// Every command answers --help with its flags. They are:
//
//	--data DIR           the data folder: one sub-folder per year of .xlsx workbooks, and pages/*.md (default data)
//	--out DIR            the public site (default site); replaced only by a build without errors
//	--reports DIR        the committee's reports (default reports), never published
//	--templates DIR      templates overriding the embedded ones by file name (default templates/ beside the data folder)
//	--as-of DATE         the day that decides which quarters and years are closed (default today)
//	--drafts             also preview the open quarter, watermarked 「未公示草稿」, in reports/<year>/draft/ only
//	--json               check: print findings as JSON lines
//	--addr ADDR          serve: listen address, loopback unless said otherwise
//	--poll               serve/watch: poll for changes (network shares, WSL)
//	--year YYYY          init: the year of the blank register (default this year)
//	--demo               init: the demo register of a fictional branch (2025 and 2026) instead
//	--members N          init --demo: a large register of N members, for measuring (docs/performance.md)
//	--rows-per-member K  init --members: 日常登记 rows per member (default 100)
//	--from, --to YYYY    new-year: the year carried forward, and the new one
//	--date DATE          post: the day the notice went up (default the as-of day, i.e. today)
//	--in DIR             summary: the folder the branches' 备案 bundles were received into, any depth (default 备案)
//	--out DIR            summary: the superior's site (default summary)
//
// Build also writes the 备案 bundles the branch sends upward under
// reports/<year>/备案/ (docs/filing.md). Summary verifies every bundle
// against its manifest, leaves out and names those that fail, and builds
// the 党建办's or 机关工委's own site and 汇总.xlsx from the rest; a rerun
// reads only bundles that are new or changed.
//
// Post records that a period's notice (PERIOD 2026Q1, 2026-Q1,
// 2026年第一季度, or 2026 for the annual 公示) was put up on the bulletin
// board: it archives the notice, byte for byte as build makes it, with a
// record of every published figure into data/<year>/公示存档/ (never
// overwriting), or the period's 更正公示 once the figures changed and every
// change is explained in 异议处理; unchanged figures write nothing. Every
// build holds the figures against the latest record (docs/archive.md). It
// and init, new-year and the no-argument start are the only commands that
// write into the data folder, and post writes only into 公示存档/.
//
// Without arguments jifen is the committee's front door (start.go): in the
// folder of the executable (or the working folder) it builds and previews
// data/ in the default browser, first writing this year's blank register
// when there is none, and, on the first start in a calendar year without
// its folder, the new year's register from the last (as new-year does),
// with the list of what to review. A second start for the same folder opens
// the running one's preview and exits (instance.go: a lock and an address
// file in the user's cache, never in data/). Next to a 备案/ folder and
// without data/, it is the superior's: summary, previewed, rerun when a
// bundle arrives (superior.go). It never creates anything in a temporary
// folder (a program double-clicked inside a zip runs from one).
//
// Every finding names its place as file:sheet!CELL and its level (错误,
// 警告, 提示); errors are listed first. Exit status is 0 when
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
//	jifen summary --in 收件箱/备案   # the superior's roll-up in summary/
//
// # The code
//
// This package parses flags and wires the stages together (main.go, flags.go;
// serve.go wires the watcher, the pipeline and the preview server). A build
// is internal/pipeline's Build, which runs the stages in order:
// internal/load reads and validates the workbooks (each file parsed by
// internal/workbook, the only importer of excelize, into the plain tables
// of internal/sheet) into the domain types of internal/model;
// internal/score computes the figures; internal/plan decides which documents
// exist and where; internal/render (pages), internal/pdf (notices, slips,
// register), internal/workbook (ledger) and internal/filing (备案 bundles)
// write them; internal/publish swaps the new trees in. internal/watch rebuilds
// on change and internal/preview serves the result, with the preview bar on
// every page. Findings print one way
// (model.Finding.Line), and the register's words are defined once
// (internal/model, vocab.go).
package main
