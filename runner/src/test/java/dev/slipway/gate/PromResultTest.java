package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromResultTest {

    @Test
    void readsOneSeriesOfAVector() {
        PromResult r = PromResult.parse(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"sloth_slo":"availability"},"value":[1700000000.1,"0.625"]}]}}""");

        assertThat(r).isEqualTo(new PromResult.Sample(0.625, java.util.Map.of("sloth_slo", "availability")));
    }

    @Test
    void readsAScalar() {
        PromResult r = PromResult.parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\"]}}");

        assertThat(((PromResult.Sample) r).value()).isEqualTo(2.0);
    }

    @Test
    void emptyVectorIsEmpty() {
        assertThat(PromResult.parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"))
                .isInstanceOf(PromResult.Empty.class);
    }

    @Test
    void severalSeriesAreCounted() {
        PromResult r = PromResult.parse(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"a":"1"},"value":[1,"1"]},{"metric":{"a":"2"},"value":[1,"2"]}]}}""");

        assertThat(r).isEqualTo(new PromResult.Many(2));
    }

    @Test
    void nanAndInfinityAreNumbers() {
        assertThat(PromResult.number("NaN")).isNaN();
        assertThat(PromResult.number("+Inf")).isInfinite().isPositive();
        assertThat(PromResult.number("-Inf")).isInfinite().isNegative();
    }

    @Test
    void prometheusErrorKeepsItsText() {
        PromResult r = PromResult.parse(400, """
                {"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:8: parse error: unexpected \\")\\""}""");

        assertThat(((PromResult.Failed) r).message()).contains("parse error: unexpected \")\"").contains("bad_data");
    }

    @Test
    void aBodyThatIsNotJsonSaysSo() {
        PromResult r = PromResult.parse(502, "<html>Bad gateway</html>");

        assertThat(((PromResult.Failed) r).message()).contains("HTTP 502").contains("Bad gateway");
    }

    @Test
    void aMatrixIsRefusedWithAHint() {
        PromResult r = PromResult.parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");

        assertThat(((PromResult.Failed) r).message()).contains("range selector");
    }
}
