// Command validate checks Kubernetes manifests against the Kubernetes API types: it reads a multi-document YAML
// stream (the output of `helm template`) on stdin and decodes every document strictly into its Go type, as the API
// server would. An unknown kind, an unknown or duplicated field, or a value of the wrong type fails it.
// ServiceMonitor (Prometheus Operator) is known too. It prints one line per object and exits 1 on any error.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/yaml"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
)

func main() {
	scheme := runtime.NewScheme()
	must(clientgoscheme.AddToScheme(scheme))
	must(monitoringv1.AddToScheme(scheme))
	decoder := serializer.NewCodecFactory(scheme, serializer.EnableStrict).UniversalDeserializer()
	reader := yaml.NewYAMLReader(bufio.NewReader(os.Stdin))
	failures := 0
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		must(err)
		if isBlank(doc) {
			continue
		}
		obj, gvk, err := decoder.Decode(doc, nil, nil)
		if err != nil {
			failures++
			fmt.Printf("INVALID %v: %v\n", gvk, err)
			continue
		}
		name := ""
		if accessor, err := meta.Accessor(obj); err == nil {
			name = accessor.GetName()
		}
		fmt.Printf("ok %s/%s %s\n", gvk.GroupVersion(), gvk.Kind, name)
	}
	if failures > 0 {
		os.Exit(1)
	}
}

// isBlank is true for a document holding only comments and whitespace (helm emits those for disabled templates).
func isBlank(doc []byte) bool {
	for _, line := range strings.Split(string(doc), "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed != "" && trimmed != "---" && !strings.HasPrefix(trimmed, "#") {
			return false
		}
	}
	return true
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
