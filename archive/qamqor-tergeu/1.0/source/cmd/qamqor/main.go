package main

import (
	"log"
	"net/http"
)

// Qamqor-Tergeu: жедел-іздестіру есебінің қызметі (ДСП).
func main() {
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
