package dev.tenancy.repository.query;

import java.lang.reflect.Constructor;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.mapping.MappingException;

/**
 * Turns an entity into a DTO projection (a record or a class with one constructor): each constructor parameter gets
 * the entity property of the same name, converted to the parameter's type where needed; a missing value of a primitive
 * parameter becomes its default.
 *
 * @author tenancy
 * @since 0.2
 */
final class DtoProjectionConverter implements Converter<Object, Object> {

	private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

	private final Class<?> type;

	private final Constructor<?> constructor;

	private final String[] parameters;

	DtoProjectionConverter(Class<?> type) {
		this.type = type;
		this.constructor = BeanUtils.getResolvableConstructor(type);
		this.parameters = BeanUtils.getParameterNames(this.constructor);
	}

	@Override
	public Object convert(Object source) {
		if (this.type.isInstance(source)) {
			return source;
		}
		BeanWrapper entity = PropertyAccessorFactory.forBeanPropertyAccess(source);
		Class<?>[] types = this.constructor.getParameterTypes();
		@Nullable Object[] arguments = new Object[this.parameters.length];
		for (int i = 0; i < this.parameters.length; i++) {
			if (!entity.isReadableProperty(this.parameters[i])) {
				throw new MappingException(String.format("Cannot create the projection '%s' from '%s': it has no "
						+ "property '%s'. Name each constructor parameter after a property of the entity.",
						this.type.getName(), source.getClass().getName(), this.parameters[i]));
			}
			Object value = entity.getPropertyValue(this.parameters[i]);
			arguments[i] = (value != null) ? CONVERSIONS.convert(value, types[i]) : null;
		}
		return BeanUtils.instantiateClass(this.constructor, arguments);
	}

}
