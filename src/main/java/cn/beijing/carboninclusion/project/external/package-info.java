/**
 * 其他减排机制的登记: the lists of projects registered in other schemes that the technical center imports, and the
 * look-up the registration's duplicate check makes in them. A named interface of the project module, so that the
 * demo can seed a list.
 */
@NamedInterface("external")
package cn.beijing.carboninclusion.project.external;

import org.springframework.modulith.NamedInterface;
