/** The keyed, deterministic transformers (HMAC-SHA256 with the masking secret) that turn a clear value into a masked one, JSON paths included; the keyring and where the secret comes from. */
package dev.slipway.mask.transform;
