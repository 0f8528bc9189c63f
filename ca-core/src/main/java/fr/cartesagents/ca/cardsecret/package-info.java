/**
 * Per-card secrets derived from one master key and the card serial: the PUK that a PKCS#11
 * middleware needs to unblock a PIN, and the per-card key of the challenge–response unblock that
 * reveals nothing reusable. The master key lives in a {@link fr.cartesagents.ca.cardsecret.MasterKey}
 * (an HSM key in production, a file in development); nothing of this package logs a secret.
 */
package fr.cartesagents.ca.cardsecret;
