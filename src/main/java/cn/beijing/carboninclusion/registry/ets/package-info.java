/**
 * 重点碳排放单位名单: the covered entities of the Beijing ETS, keyed by unified social credit code, with their verified
 * emissions per compliance year, imported as versioned lists; the ETS offset of a retirement is checked against the
 * list in force. A named interface of the registry module, so that the demo can seed a list.
 */
@NamedInterface("ets")
package cn.beijing.carboninclusion.registry.ets;

import org.springframework.modulith.NamedInterface;
