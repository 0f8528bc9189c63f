package fr.cartesagents.ra.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the actions of an {@link AuditAction} enum are about: the first half of their stored names
 * ({@code @AuditSubject("registration-office")} → {@code registration-office.created}), declared
 * once on the enum instead of a {@code subject()} method in each.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AuditSubject {

    String value();
}
