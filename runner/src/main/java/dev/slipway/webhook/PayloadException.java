package dev.slipway.webhook;

/** A verified body Slipway cannot use: not JSON, or a field it needs is missing. Never leaves this package. */
final class PayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PayloadException(String reason) {
        super(reason, null, false, false);
    }
}
