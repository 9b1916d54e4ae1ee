package io.kasa.server.shared.web;

import io.kasa.server.shared.MerchantId;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;

/**
 * The wire conventions in one place: PascalCase output, case-insensitive input with unknown
 * properties ignored, decimals as {@link java.math.BigDecimal}, no silent truncation of
 * fractions into integers, and {@code //} comments allowed because Paywall's own sample
 * bodies carry them; JSON on the API paths whatever the {@code Accept} header asks, since the
 * envelope has no other form (the operator endpoints under {@code /manage} keep negotiating);
 * strings and names that are not Unicode refused ({@link UnicodeJson}); and the authenticated
 * merchant as a controller argument.
 */
@Configuration(proxyBeanMethods = false)
public class WebSettings implements WebMvcConfigurer {

    /**
     * The builder of the application's JSON mapper (Spring MVC's, the refusals'), as Spring
     * Boot makes it — every customizer applied in order — but on {@link UnicodeJson}'s parser
     * factory, so that no text that is not Unicode reaches a controller.
     */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(UnicodeJson.factory());
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    @Bean
    JsonMapperBuilderCustomizer kasaWireFormat() {
        return builder -> builder
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .addModule(StrictUuid.module());
    }

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        HeaderContentNegotiationStrategy byAcceptHeader = new HeaderContentNegotiationStrategy();
        configurer.strategies(List.of(request -> {
            String path = RequestContext.path(request.getNativeRequest(HttpServletRequest.class));
            return path.startsWith("/api/") || path.startsWith("/admin/")
                    ? List.of(MediaType.APPLICATION_JSON)
                    : byAcceptHeader.resolveMediaTypes(request);
        }));
    }

    /**
     * Requests Jetty refuses by itself answer with the envelope too
     * ({@link EnvelopeErrorHandler}), and the listen backlog is {@code kasa.http.accept-queue}
     * (1,024): terminals reconnecting together after a restart, or a burst of held sync sales,
     * arrive faster than one acceptor takes them, and the operating system refuses connections
     * past the backlog. The kernel caps it at {@code net.core.somaxconn}.
     *
     * <p>While the server drains its requests on a graceful stop, Jetty would give every open
     * connection an idle timeout of one second, cutting the devices' live connections while
     * held sync sales still wait for their answers; connections keep their own timeouts for
     * the drain's length instead, and the devices are closed with 1001 once it is over
     * ({@code LiveSessions}).
     */
    @Bean
    WebServerFactoryCustomizer<JettyServletWebServerFactory> envelopeErrorsBacklogAndDrain(
            @Value("${kasa.http.accept-queue:1024}") int acceptQueue,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration drain) {
        return factory -> factory.addServerCustomizers(server -> {
            server.setErrorHandler(new EnvelopeErrorHandler());
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof ServerConnector listening) {
                    listening.setAcceptQueueSize(acceptQueue);
                    listening.setShutdownIdleTimeout(drain.toMillis());
                }
            }
        });
    }

    /** Folders of pages serve their index: the virtual terminal lives at {@code /terminal/}. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/terminal/").setViewName("forward:/terminal/index.html");
        registry.addRedirectViewController("/terminal", "/terminal/");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == MerchantId.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                MerchantId merchant = RequestContext.merchant(request.getNativeRequest(HttpServletRequest.class));
                if (merchant == null) {
                    throw new IllegalStateException("no authenticated merchant on " + parameter.getMethod());
                }
                return merchant;
            }
        });
    }
}
