/** The database a masked copy goes into: what it must have before anything changes, cleaning a previous golden, the golden mark (the copy's record, which previews require), the statistics of its masked rows. */
package dev.slipway.mask.golden;
