package fr.cartesagents.ra.collectivity;

import java.io.InputStream;
import java.util.concurrent.Callable;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/** Reads a JSON array of reference entries one element at a time (35,000 communes need not sit in memory at once). */
public final class ReferenceFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReferenceFiles() {
    }

    public static <T> Flux<T> stream(Callable<InputStream> source, Class<T> type) {
        return Flux.using(() -> JSON.readerFor(type).<T>readValues(source.call()),
                        (MappingIterator<T> entries) -> Flux.fromIterable(() -> entries),
                        MappingIterator::close)
                .subscribeOn(Schedulers.boundedElastic());
    }
}
