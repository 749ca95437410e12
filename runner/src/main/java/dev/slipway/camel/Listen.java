package dev.slipway.camel;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ServeConfig;
import java.net.URI;
import java.nio.file.Path;

/** Where serve listens ({@code serve.bindAddress}, {@code serve.port}), checked before anything else starts. */
final class Listen {

    private Listen() {
    }

    /**
     * Listens on {@code serve.bindAddress} and {@code serve.port} (0: a free port), once: the port is never probed and
     * let go first, which another process could take before serve binds it again.
     *
     * @throws SlipwayException {@code CONFIG_INVALID} when the address is not this machine's or the port is taken
     */
    static HttpFront open(ServeConfig serve, Path file) {
        try {
            return HttpFront.start(serve.bindAddress(), serve.port(), serve.webhooks().maxBodyBytes());
        } catch (SlipwayException e) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "serve cannot listen on " + serve.bindAddress() + " port "
                    + serve.port() + " (serve.bindAddress and serve.port" + (file == null ? "" : " in " + file) + "): "
                    + e.getMessage() + "; use an address of this machine, or " + ServeConfig.ALL_INTERFACES
                    + " for every interface, and a free port (0 picks one)", e);
        }
    }

    /** The URL on this machine when no publicUrl is set: localhost when listening everywhere, else the address. */
    static URI localUrl(String bindAddress, int port) {
        boolean everywhere = bindAddress.equals(ServeConfig.ALL_INTERFACES) || bindAddress.matches("[0:]*::?[0:]*");
        String host = everywhere ? "localhost" : bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        return URI.create("http://" + host + ":" + port + "/");
    }
}
