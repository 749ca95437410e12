/**
 * {@code slipway mask}: the masked golden database. {@link dev.slipway.mask.MaskStep} runs the copy: the rules
 * ({@code rules}) checked against the source catalog ({@code catalog}), the target checked and marked incomplete
 * ({@code target}), the schema by pg_dump ({@code schema}) around the rows streamed through the keyed transformers
 * ({@code copy}, {@code transform}), then the mark says masked. {@code verify} proves no source value leaked.
 */
package dev.slipway.mask;
