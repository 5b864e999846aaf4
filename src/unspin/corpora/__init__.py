"""Benchmark corpora: their readers and their organisers' scorers (PTC, CNC).

Both the models (which train and choose thresholds on them) and the evaluation commands read them; this
package imports neither, so models and evaluation need not import each other.
"""
