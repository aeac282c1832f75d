/**
 * Kubernetes API facts shared by the kc daemon and the kc CLI. Pure functions over Jackson trees;
 * nothing here performs I/O.
 */
package dev.kc.api;
