package model

import (
	"encoding/json"
	"math/big"
)

// scores.json (SPEC §6) and a 备案包's summary.json carry the same figures,
// and a superior compares them with the branch's own file: both write them
// through these, so a figure reads the same in either.

// JSONPoints writes exact points as a JSON number with their two decimals
// at most: 12.5, not "12.50" or 12.499999.
func JSONPoints(p Points) json.Number { return json.Number(p.String()) }

// JSONRat writes an average or a composite rounded as every document shows
// it (Round2).
func JSONRat(r *big.Rat) json.Number { return JSONPoints(Round2(r)) }

// JSONOptRat is JSONRat, or null when there is no figure (no 民主评议 data).
func JSONOptRat(r *big.Rat) *json.Number {
	if r == nil {
		return nil
	}
	n := JSONRat(r)
	return &n
}

// JSONRank writes a rank, or null for a member who is not ranked (0).
func JSONRank(r int) *int {
	if r <= 0 {
		return nil
	}
	return &r
}
