//go:build race

package pipeline

// raceDetector: the race detector multiplies a process's memory (324 MiB
// for the 200-member build whose budget is 128 MiB), so a peak-memory
// budget says nothing about the build under -race.
const raceDetector = true
