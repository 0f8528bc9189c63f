/**
 * The PKCS#15 (ISO/IEC 7816-15) structure the bridge writes on an IAS-ECC card at
 * personalization, so that any PKCS#15 reader (OpenSC's {@code pkcs15-tool}, its PKCS#11 module)
 * finds the PIN and PUK, both key pairs and both certificates with matching identifiers and labels.
 */
package fr.cartesagents.bridge.pkcs15;
