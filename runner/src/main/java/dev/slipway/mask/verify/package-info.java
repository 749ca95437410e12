/** slipway mask verify: the proof that no clear value of a masked column reached the golden (set and row checks by hash, a search for sampled clear values). */
package dev.slipway.mask.verify;
