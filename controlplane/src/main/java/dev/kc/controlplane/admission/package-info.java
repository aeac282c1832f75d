/**
 * Admission for the kc control plane: the decoding checks, defaulting and validation a Kubernetes
 * 1.32 API server applies to an object on create and update, with Kubernetes' own error texts.
 *
 * <p>{@link dev.kc.controlplane.admission.Admission} is the entry point; {@link
 * dev.kc.controlplane.admission.FieldError} and {@link
 * dev.kc.controlplane.admission.DecodeException} carry the results. Everything else is package
 * private: one class per group of rules, each naming the Kubernetes source it ports.
 */
package dev.kc.controlplane.admission;
