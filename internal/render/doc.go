// Package render turns the scored register into HTML: the public
// transparency site (SPEC §6, what a 公示 needs and nothing more), and under
// reports/ the committee's working page and, with --drafts, the watermarked
// preview of the open quarter. Which quarters and documents exist is the
// publication plan's decision (internal/plan); render publishes and links
// exactly what Input.Plans list.
//
// Trust model. Excel text is untrusted: it reaches HTML only through
// html/template, which escapes it for its context; nothing is ever
// concatenated into markup. Markdown pages (data/pages/*.md) are written by
// the committee but are still treated as untrusted: goldmark's safe default
// omits raw HTML and neutralises javascript: links, and Markdown is the only
// function that turns text into template.HTML. Because the site must work
// on an intranet without internet and opened from disk, Markdown links to
// external URLs are rendered as plain text, links to other pages (foo.md)
// point at that page's section on the rules page, and remote images become
// their alt text.
//
// Privacy. The public pages are built from view structs that carry only
// publishable fields (编号, 姓名, 类别, 党小组, 职务, figures, rubric item
// names, published 事由 of base and reward lines, objection outcomes); the
// committee-only fields (deduction 事由/依据, exemption reasons, 备案情况,
// proposals, reasons, follow-up actions) are copied only into the
// committee page's view. A template override therefore cannot leak them
// from the public tree: they are not in its data — not in an unexported
// field either, since a template's printf prints those too. The public
// view types (QuarterRow, MemberLine …) have no field for them, so an
// override naming one fails to render; the committee page's types wrap
// them (ReportRow). TestPublicViewsHoldNoCommitteeData walks every public
// page's data for the committee-only values of the fixtures, and
// TestOverrideCannotReachCommitteeFields renders hostile overrides.
//
// Output is deterministic: the same Input gives the same bytes.
package render
