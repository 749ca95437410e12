package dev.slipway.migrate;

/** Told about each migration as an engine runs it. Called on the engine's thread. */
public interface MigrationListener {

    void started(MigrationEntry migration);

    void succeeded(MigrationEntry migration);

    void failed(MigrationEntry migration);

    MigrationListener NONE = new MigrationListener() {
        @Override
        public void started(MigrationEntry migration) {
        }

        @Override
        public void succeeded(MigrationEntry migration) {
        }

        @Override
        public void failed(MigrationEntry migration) {
        }
    };
}
