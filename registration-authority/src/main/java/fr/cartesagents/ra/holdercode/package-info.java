/**
 * Secrets handed to card holders (revocation codes, unblock codes, one-time links): how they are
 * drawn and how only a salted slow hash of them is kept.
 */
package fr.cartesagents.ra.holdercode;
