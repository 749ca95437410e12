/** The masking rules (masking.yaml): loaded and checked against the source catalog once, fail-closed coverage, and the plan of what a copy masks and keeps. */
package dev.slipway.mask.rules;
