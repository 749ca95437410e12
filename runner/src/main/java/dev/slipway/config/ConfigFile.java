package dev.slipway.config;

import java.util.Map;

/**
 * The shape of {@code slipway.yaml} as written, before validation. Every key is listed here; an
 * unknown key is an error that names it. Durations are text ({@code 2s}, {@code 15m}).
 */
record ConfigFile(Migrations migrations, Settings defaults, Connection state, Map<String, Environment> environments,
                  Lint lint, Serve serve) {

    record Serve(Integer port, String bindAddress, String publicUrl, Repository repository, Webhooks webhooks, Status status,
                 Previews previews, String resync) {
    }

    record Repository(String name, String url, String tokenEnv, String refs, String branchPrefix, String baseBranch,
                      String migrations, String poll, String masking) {
    }

    record Webhooks(String githubSecretEnv, String gitlabTokenEnv, String giteaSecretEnv, String maxBody) {
    }

    record Status(String forge, String apiUrl, String tokenEnv, String context, Boolean comments) {
    }

    record Previews(String provider, Connection server, String golden, String ttl, Integer max, Boolean trace,
                    Kubernetes kubernetes, String cloneStrategy) {
    }

    record Kubernetes(String goldenNamespace, String goldenSnapshot, String slipwayNamespace, String postgresImage,
                      String storageClass, String volumeSize, String database, String user, KubeQuota quota,
                      String cpu, String memory, String readyTimeout, String pollInterval, GoldenRefresh refresh) {
    }

    record GoldenRefresh(String every, Integer keep, String sourceSecret, String rulesConfigMap, String rules,
                         String image, String snapshotClass, String storageClass, String volumeSize, String timeout) {
    }

    record KubeQuota(String cpu, String memory, String storage, Integer pods) {
    }

    record Migrations(String engine, String location) {
    }

    record Retry(Integer maxAttempts, String initialDelay, Double multiplier, String maxDelay, String maxTotal,
                 Double jitter) {
    }

    record Settings(String lockTimeout, String statementTimeout, String connectTimeout, String writerLockWait,
                    Boolean outOfOrder, Retry retry, String baselineVersion) {
    }

    record Lint(Map<String, String> rules, String maxFileSize, LintTrace trace, String masking, String queries) {
    }

    record LintTrace(String largeTable, String maxAccessExclusive, String rewriteTable, Double planCostRatio) {
    }

    record Connection(String url, String user, String passwordEnv) {
    }

    record Environment(String url, String user, String passwordEnv, String lockTimeout, String statementTimeout,
                       String connectTimeout, String writerLockWait, Boolean outOfOrder, Retry retry,
                       String baselineVersion, Gate gate, java.util.List<Replica> replicas,
                       Map<String, String> backfill) {

        Settings settings() {
            return new Settings(lockTimeout, statementTimeout, connectTimeout, writerLockWait, outOfOrder, retry,
                    baselineVersion);
        }
    }

    record Replica(String name, String url, String user, String passwordEnv) {
    }

    record Gate(String tokenEnv, String unknown, String timeout, Pdb pdb, Prometheus prometheus, java.util.List<Slo> slos,
                Boolean migrations, java.util.List<Freeze> freeze, String replicaLag, Heavy heavy) {
    }

    record Pdb(java.util.List<String> namespaces, String selector, Integer minDisruptionsAllowed) {
    }

    record Prometheus(String url, String tokenEnv) {
    }

    record Slo(String name, Sloth sloth, Promql promql, Double minBudgetRemaining, Burn burnRate) {
    }

    record Sloth(String service, String slo) {
    }

    record Promql(String budgetRemaining, String burnRate) {
    }

    record Burn(@com.fasterxml.jackson.annotation.JsonProperty("short") BurnWindow shortWindow,
                @com.fasterxml.jackson.annotation.JsonProperty("long") BurnWindow longWindow) {
    }

    record BurnWindow(String window, Double max) {
    }

    record Heavy(String lockHeld, String rewriteSize, java.util.List<Freeze> windows) {
    }

    record Freeze(String name, String zone, String from, String to, java.util.List<String> days, String start, String end) {
    }
}
