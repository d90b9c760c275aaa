package reader

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

var (
	corpusOnce sync.Once
	corpus     [][]byte
	corpusSize int64
)

// benchCorpus is 10,000 synthetic reports in every layout and damage, plus the seeds.
func benchCorpus(tb testing.TB) ([][]byte, int64) {
	corpusOnce.Do(func() {
		n := 10000
		if s := os.Getenv("GONGKAI_BENCH_REPORTS"); s != "" {
			if v, err := strconv.Atoi(s); err == nil && v > 0 {
				n = v
			}
		}
		rng := rand.New(rand.NewPCG(11, 12))
		for i := 0; i < n; i++ {
			f := []ar.Format{ar.Format2019, ar.Format2021}[i%2]
			o := testreports.RandomOptions(rng)
			if i%10 == 0 {
				o.Drop = true
			}
			out := testreports.Render(rng, testreports.Random(rng, f, 0.02), o)
			corpus = append(corpus, out.Data)
			corpusSize += int64(len(out.Data))
		}
		seeds, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
		for _, p := range seeds {
			if b, err := os.ReadFile(p); err == nil {
				corpus = append(corpus, b)
				corpusSize += int64(len(b))
			}
		}
	})
	return corpus, corpusSize
}

// floor reads the same bytes and counts their lines: the least any reader must do.
func floor(docs [][]byte) int {
	lines := 0
	buf := make([]byte, 0, 64*1024)
	for _, d := range docs {
		sc := bufio.NewScanner(bytes.NewReader(d))
		sc.Buffer(buf, len(d)+1)
		for sc.Scan() {
			lines++
		}
	}
	return lines
}

// BenchmarkReadCorpus reads the whole corpus on one core per iteration and reports
// MB/s and reports/s beside the floor — reading the same bytes and counting their lines —
// measured in the same iterations (floor pass, then reading pass, so a busy machine
// slows both alike), and the ratio of the two times.
func BenchmarkReadCorpus(b *testing.B) {
	docs, size := benchCorpus(b)
	var floorDur, readDur, floorCPU, readCPU time.Duration
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c0, t0 := cpuTime(), time.Now()
		floor(docs)
		c1, t1 := cpuTime(), time.Now()
		for k, d := range docs {
			_ = Read(strconv.Itoa(k), d)
		}
		c2 := cpuTime()
		floorDur += t1.Sub(t0)
		readDur += time.Since(t1)
		floorCPU += c1 - c0
		readCPU += c2 - c1
	}
	b.StopTimer()
	mb := float64(size) * float64(b.N) / 1e6
	b.ReportMetric(mb/readDur.Seconds(), "MB/s-read")
	b.ReportMetric(float64(len(docs)*b.N)/readDur.Seconds(), "reports/s")
	b.ReportMetric(mb/floorDur.Seconds(), "MB/s-floor")
	b.ReportMetric(readDur.Seconds()/floorDur.Seconds(), "x-floor")
	b.ReportMetric(float64(size)/1e6, "MB-corpus")
	// The same per CPU-second used, which a busy shared machine distorts less.
	if readCPU > 0 && floorCPU > 0 {
		b.ReportMetric(mb/readCPU.Seconds(), "MB/cpu-s-read")
		b.ReportMetric(float64(len(docs)*b.N)/readCPU.Seconds(), "reports/cpu-s")
		b.ReportMetric(mb/floorCPU.Seconds(), "MB/cpu-s-floor")
	}
}

// BenchmarkReadSeed004 reads one real report.
func BenchmarkReadSeed004(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "seeds", "004_d3a0745a76414f11.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		_ = Read("004", data)
	}
}
