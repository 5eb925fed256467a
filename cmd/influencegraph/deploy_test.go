package main

import (
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestDeployCommandLinesParse keeps the scheduler examples in deploy/ in
// step with the command: every `influencegraph load` line they hold must
// parse with the real flags.
func TestDeployCommandLinesParse(t *testing.T) {
	files := []string{
		"../../deploy/cron/influencegraph.cron",
		"../../deploy/systemd/influencegraph-load.service",
		"../../deploy/kubernetes/cronjob.yaml",
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			found := 0
			for _, line := range strings.Split(string(b), "\n") {
				i := strings.Index(line, "influencegraph load ")
				if i < 0 || strings.HasPrefix(strings.TrimSpace(line), "#") {
					continue
				}
				cmdline := line[i+len("influencegraph "):]
				if j := strings.IndexAny(cmdline, "|>"); j >= 0 {
					cmdline = strings.TrimSuffix(strings.TrimSpace(cmdline[:j]), "2")
				}
				// The Indexed Job computes its shard in the shell.
				cmdline = strings.ReplaceAll(cmdline, `"$((JOB_COMPLETION_INDEX + 1))/4"`, "1/4")
				args := strings.Fields(cmdline)
				root := newRootCommand(&globalOptions{stdout: io.Discard, stderr: io.Discard})
				c, rest, err := root.Find(args)
				if err != nil || c.Name() != "load" {
					t.Fatalf("%q: not the load command: %v", cmdline, err)
				}
				if err := c.ParseFlags(rest); err != nil {
					t.Errorf("%q: %v", cmdline, err)
				}
				if s, _ := c.Flags().GetString("shard"); s != "" {
					if _, _, err := parseShard(s); err != nil {
						t.Errorf("%q: %v", cmdline, err)
					}
				}
				if len(c.Flags().Args()) == 0 {
					t.Errorf("%q names no input", cmdline)
				}
				found++
			}
			if found == 0 {
				t.Errorf("no influencegraph load command line found")
			}
		})
	}
}

func TestKubernetesCronJobIsWellFormed(t *testing.T) {
	b, err := os.ReadFile("../../deploy/kubernetes/cronjob.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Kind string `yaml:"kind"`
		Spec struct {
			Schedule    string `yaml:"schedule"`
			JobTemplate struct {
				Spec struct {
					CompletionMode string `yaml:"completionMode"`
					Completions    int    `yaml:"completions"`
				} `yaml:"spec"`
			} `yaml:"jobTemplate"`
		} `yaml:"spec"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("cronjob.yaml: %v", err)
	}
	js := doc.Spec.JobTemplate.Spec
	if doc.Kind != "CronJob" || len(strings.Fields(doc.Spec.Schedule)) != 5 || js.CompletionMode != "Indexed" {
		t.Errorf("cronjob.yaml: kind %q, schedule %q, completion mode %q", doc.Kind, doc.Spec.Schedule, js.CompletionMode)
	}
	if !strings.Contains(string(b), "/"+strconv.Itoa(js.Completions)+`" --summary-json`) {
		t.Errorf("cronjob.yaml: --shard does not divide by the %d completions", js.Completions)
	}
}
