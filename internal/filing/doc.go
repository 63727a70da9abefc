// Package filing makes and reads 备案 bundles (SPEC §6): the zip a branch
// sends upward every quarter and every year, and which `jifen summary`
// rolls up (SPEC §10). What is filed, to whom and by when is declared once,
// in duty.go.
//
// A bundle holds summary.json (the format named Format, version Version,
// documented in docs/filing.md, with its JSON Schema in
// docs/filing-summary.schema.json), the 公示 notice PDF,
// the slips (quarter) or the register (year), and manifest.json with the
// size and SHA-256 of every other file. Write makes one from a scored result
// and the documents the build has already rendered; Open verifies one and
// decodes its summary.
//
// Once a period is posted (SPEC §11), its bundle also carries its 公示存档
// records; Open holds them to summary.json's posting block (posting.go).
// The year's 细则 bundle (rules.go) holds rules.json — the rubric, every
// 设置 item in force and the exempted members with their reasons — and its
// manifest: the one output that carries 不纳入原因 and 备案情况.
//
// Writing is deterministic: the same result and documents give the same
// bytes (fixed entry order, entry times set to the document date, no
// wall-clock anywhere), so a branch can rebuild and send again without the
// superior seeing a "different" bundle.
//
// The manifest detects damage and casual edits (a file changed, removed,
// cut short, or added), not forgery: anyone can rewrite a manifest. It is a
// checksum list, not a signature.
//
// Privacy. summary.json is built from model values only, and model has no
// field for the confidential columns (举报人, 提出人, 备注（内部）, ID
// numbers, phones, addresses); deduction 事由, objection matters and
// proposals' reasons stay out too: the superior gets figures, grades and
// follow-up actions, as the register it always received shows.
package filing
